// The one retry policy of the engine: exponential backoff with full jitter,
// bounded by a number of attempts. Google calls (`google/retry.ts`, which adds
// Retry-After, 401 re-authorisation and the run's deadline) and the Supabase
// push (`withBackoff` below, with the push's own attempts) both use it, so a
// change to how calsync backs off is made once.
import type { Logger } from './log/logger';

export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  maxAttempts: number;
}

/** Full jitter under an exponential ceiling; a server's Retry-After is a floor. */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  retryAfterMs: number | null,
  random: () => number,
): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs === null ? jittered : Math.max(retryAfterMs, jittered);
}

export interface BackoffDeps {
  policy: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  log: Logger;
}

/**
 * Calls `fn` again while `retryable` says the failure may go away by itself
 * (outage, timeout, 5xx, rate limit), at most `policy.maxAttempts` times in
 * all; anything else, or the last failure, is thrown as it came.
 */
export async function withBackoff<T>(
  label: string,
  fn: () => Promise<T>,
  retryable: (e: unknown) => boolean,
  d: BackoffDeps,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!retryable(e) || attempt + 1 >= d.policy.maxAttempts) throw e;
      const delayMs = backoffDelay(attempt, d.policy, null, d.random);
      d.log.warn({ attempt: attempt + 1, delayMs, err: (e as Error).message }, `retrying ${label}`);
      await d.sleep(delayMs);
    }
  }
}
