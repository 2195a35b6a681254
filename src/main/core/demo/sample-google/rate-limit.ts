// The fake's rate-limit mode: Google's per-user quota of the Calendar API
// ("Per minute per user per project: 600 requests", computed over a sliding
// window; over it, "403 usageLimits or 429 usageLimits" — guides/quota).
// Counts the Calendar and Tasks API requests of each signed-in user and
// answers 403 rateLimitExceeded (or 429) to the ones over the limit, which
// count too, as retries do at Google. Off unless a test turns it on.
import { errorBody, ERRORS } from './errors';
import type { FakeRequest, FakeResponse } from './http';

export interface RateLimitOptions {
  /** Requests each user may make within `windowMs` (Google: 600 a minute). */
  perUser: number;
  windowMs?: number;
  /** 403 usageLimits/rateLimitExceeded (default) or 429. */
  status?: 403 | 429;
}

export class RateLimiter {
  private opts: Required<RateLimitOptions> | null = null;
  private readonly seen = new Map<string, number[]>();
  /** Requests answered with the rate-limit error since the mode was turned on. */
  refused = 0;

  constructor(
    private readonly now: () => number,
    /** The user a bearer token belongs to (the quota is per user, whichever token they use). */
    private readonly userOf: (token: string) => string | null,
  ) {}

  set(opts: RateLimitOptions | null): void {
    this.opts = opts && { windowMs: 60_000, status: 403, ...opts };
    this.seen.clear();
    this.refused = 0;
  }

  decide(req: FakeRequest): FakeResponse | null {
    const o = this.opts;
    if (!o || !/^\/(calendar|tasks)\//.test(req.path)) return null;
    const auth = req.headers.authorization;
    const token = typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7) : null;
    const user = token ? this.userOf(token) : null;
    if (!user) return null;
    const t = this.now();
    const times = (this.seen.get(user) ?? []).filter((x) => x > t - o.windowMs);
    times.push(t);
    this.seen.set(user, times);
    if (times.length <= o.perUser) return null;
    this.refused++;
    const err = o.status === 429 ? ERRORS.tooManyRequests : ERRORS.rateLimitExceeded;
    return { status: err.code, json: errorBody(err) };
  }
}
