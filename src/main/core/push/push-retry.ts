// Retrying one Supabase call while the failure may go away by itself (outage,
// timeout, 5xx, rate limit): exponential backoff with full jitter, a bounded
// number of attempts. Anything else is thrown at once.
import { backoffDelay, type RetryPolicy } from '../google/retry';
import type { Logger } from '../log/logger';
import { isRetryableSupabaseError } from '../supabase/errors';

export interface RetryDeps {
  policy: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  log: Logger;
}

export async function withPushRetry<T>(label: string, fn: () => Promise<T>, d: RetryDeps): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!isRetryableSupabaseError(e) || attempt + 1 >= d.policy.maxAttempts) throw e;
      const delayMs = backoffDelay(attempt, d.policy, null, d.random);
      d.log.warn({ attempt: attempt + 1, delayMs, err: (e as Error).message }, `retrying ${label}`);
      await d.sleep(delayMs);
    }
  }
}
