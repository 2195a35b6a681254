// API operations answered by a part of the engine that loads on first call
// (app.ts: the planner's part). Every operation is async already, so a caller
// sees the same promise of the same answer, or the same error; only the first
// call also waits for the part's module to load.
import type { ApiImpl } from './validated-api';

export function lazyOps<K extends keyof ApiImpl>(
  names: readonly K[],
  load: () => Promise<Pick<ApiImpl, K>>,
): Pick<ApiImpl, K> {
  const ops = {} as Pick<ApiImpl, K>;
  for (const name of names)
    ops[name] = (async (input: unknown) => {
      const impl = (await load())[name] as (input: unknown) => Promise<unknown>;
      return impl(input);
    }) as Pick<ApiImpl, K>[K];
  return ops;
}

/** fn's promise, made on the first call and shared by every later one. */
export function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | null = null;
  return () => (p ??= fn());
}
