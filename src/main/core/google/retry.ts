// Google calls under the engine's retry policy (core/retry-policy.ts), Retry-After honoured, bounded by
// attempts and by the run's deadline: a run either finishes or fails cleanly
// within its budget, never retries forever.
import {
  BudgetExceededError,
  classifyGoogleError,
  GoogleCallError,
  SyncTokenGoneError,
  type GoogleFailure,
} from './google-errors';
import { backoffDelay, type RetryPolicy } from '../retry-policy';

// The policy type and the backoff are the engine's one (core/retry-policy.ts); Google's callers import them from here.
export { backoffDelay, type RetryPolicy };

export interface CallStats {
  apiCalls: number;
  retries: number;
}

export interface CallContext {
  /** Epoch ms after which no new attempt starts. */
  deadline: number;
  budgetMs: number;
  what: string;
  stats: CallStats;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  onRetry?: (info: { label: string; attempt: number; delayMs: number; failure: GoogleFailure }) => void;
}

export interface RetryHooks {
  /**
   * Called once on a 401: the access token died before its stated expiry
   * (revoked, clock skew). The caller drops it so the next attempt refreshes;
   * a second 401, or a refused refresh, means the account needs a sign-in.
   */
  reauthorize?: () => void;
}

export async function withRetry<T>(
  label: string,
  fn: () => Promise<T>,
  policy: RetryPolicy,
  ctx: CallContext,
  hooks: RetryHooks = {},
): Promise<T> {
  let reauthorized = false;
  for (let attempt = 0; ; attempt++) {
    if (ctx.now() >= ctx.deadline) throw new BudgetExceededError(ctx.what, ctx.budgetMs, `before ${label}`);
    ctx.stats.apiCalls++;
    try {
      return await fn();
    } catch (e) {
      const failure = classifyGoogleError(e, ctx.now());
      if (failure.kind === 'sync-token-gone') throw new SyncTokenGoneError(label);
      if (failure.status === 401 && hooks.reauthorize && !reauthorized) {
        reauthorized = true;
        hooks.reauthorize();
        ctx.stats.retries++;
        continue;
      }
      if (failure.kind !== 'retryable') throw new GoogleCallError(label, failure);
      if (attempt + 1 >= policy.maxAttempts) {
        throw new GoogleCallError(`${label} (gave up after ${policy.maxAttempts} attempts)`, failure);
      }
      const delayMs = backoffDelay(attempt, policy, failure.retryAfterMs, ctx.random);
      if (ctx.now() + delayMs >= ctx.deadline) {
        throw new BudgetExceededError(
          ctx.what,
          ctx.budgetMs,
          `waiting ${Math.ceil(delayMs / 1000)} s to retry ${label} after: ${failure.message}`,
        );
      }
      ctx.stats.retries++;
      ctx.onRetry?.({ label, attempt: attempt + 1, delayMs, failure });
      await ctx.sleep(delayMs);
    }
  }
}
