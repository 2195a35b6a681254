// Runs async work over a list with at most `limit` in flight: an account's
// calendars are synced a few at a time, so an incremental sync takes about one
// round trip instead of one per calendar, while staying well inside Google's
// per-user rate. Results keep the input's order.
//
// On the first failure no new item starts, and the call waits for the ones
// already running before it rejects: the caller releases its lease only when
// nothing of its work can still write to the cache.
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`mapBounded: limit must be a positive integer, not ${limit}`);
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async (): Promise<void> => {
    while (failure === null && next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i]!, i);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== null) throw (failure as { error: unknown }).error;
  return results;
}
