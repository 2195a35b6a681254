// Deterministic fault injection: explicit rules (first match wins, with
// after/times counters) and a seeded random injector. Decisions depend only on
// the order of requests, so a run with the same request sequence replays.
import { errorBody, ERRORS, faultBody, type ErrorName } from './errors';
import type { FakeRequest, FakeResponse } from './http';
import { seededRandom } from './ids';
import type { RateLimiter } from './rate-limit';
import type { EchoedRequest, FaultControl, FaultKind, FaultRule, RandomFaultOptions } from './types';

export type FaultDecision =
  | { kind: 'reset' }
  | { kind: 'hang' }
  | { kind: 'lost-response' }
  | { kind: 'delay'; ms: number }
  | { kind: 'malformed-json' }
  | { kind: 'respond'; response: FakeResponse };

type Match = FaultRule['match'];

function matches(m: Match, req: FakeRequest): boolean {
  if (!m) return true;
  if (m.method && m.method.toUpperCase() !== req.method.toUpperCase()) return false;
  if (m.path instanceof RegExp) return m.path.test(req.path);
  if (typeof m.path === 'string') return req.path.includes(m.path);
  return true;
}

function respond(name: ErrorName, retryAfter?: number | string): FaultDecision {
  const headers: Record<string, string> = retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) };
  return { kind: 'respond', response: { status: ERRORS[name].code, headers, json: errorBody(ERRORS[name]) } };
}

function fromAction(a: FaultRule['action'], req: FakeRequest): FaultDecision {
  if ('status' in a) {
    const headers: Record<string, string> = a.retryAfter === undefined ? {} : { 'Retry-After': String(a.retryAfter) };
    const body =
      typeof a.body === 'function'
        ? (a.body as (r: EchoedRequest) => unknown)({
            method: req.method,
            path: req.path,
            headers: req.headers,
            body: req.body.toString('utf8'),
          })
        : a.body;
    return { kind: 'respond', response: { status: a.status, headers, json: body ?? faultBody(a.status, a.reason) } };
  }
  if (a.kind === 'sync-token-gone') return respond('fullSyncRequired');
  if (a.kind === 'delay') return { kind: 'delay', ms: a.ms };
  return { kind: a.kind };
}

function isIncrementalEventsList(req: FakeRequest): boolean {
  const s = req.segments;
  return (
    req.method === 'GET' &&
    s.length === 5 &&
    s[0] === 'calendar' &&
    s[2] === 'calendars' &&
    s[4] === 'events' &&
    req.query.has('syncToken')
  );
}

interface LiveRule {
  rule: FaultRule;
  seen: number;
  fired: number;
}

export class FaultEngine implements FaultControl {
  private rules: LiveRule[] = [];
  private randomOpts: (RandomFaultOptions & { rand: () => number }) | null = null;

  /** The rate-limit mode (rate-limit.ts): Google's per-user quota, asked after the explicit rules. */
  constructor(private readonly limiter: RateLimiter | null = null) {}

  inject(rule: FaultRule): void {
    this.rules.push({ rule, seen: 0, fired: 0 });
  }

  clear(): void {
    this.rules = [];
    this.randomOpts = null;
  }

  random(opts: RandomFaultOptions): void {
    if (opts.kinds.length === 0) throw new Error('random faults need at least one kind');
    this.randomOpts = { ...opts, rand: seededRandom(opts.seed) };
  }

  decide(req: FakeRequest): FaultDecision | null {
    for (const live of this.rules) {
      if (!matches(live.rule.match, req)) continue;
      live.seen += 1;
      if (live.seen <= (live.rule.after ?? 0)) continue;
      if (live.fired >= (live.rule.times ?? 1)) continue;
      live.fired += 1;
      return fromAction(live.rule.action, req);
    }
    const limited = this.limiter?.decide(req);
    if (limited) return { kind: 'respond', response: limited };
    return this.decideRandom(req);
  }

  private decideRandom(req: FakeRequest): FaultDecision | null {
    const r = this.randomOpts;
    if (!r) return null;
    const inScope = r.match ? matches(r.match, req) : /^\/(calendar|tasks)\//.test(req.path);
    if (!inScope) return null;
    // Two draws per request, always, so the sequence does not depend on outcomes.
    const hit = r.rand() < r.probability;
    const kind = r.kinds[Math.floor(r.rand() * r.kinds.length)] as FaultKind;
    if (!hit) return null;
    return this.kindDecision(kind, req, r);
  }

  private kindDecision(kind: FaultKind, req: FakeRequest, r: RandomFaultOptions): FaultDecision | null {
    switch (kind) {
      case 'rateLimitExceeded':
      case 'userRateLimitExceeded':
      case 'tooManyRequests':
        return respond(kind, r.retryAfter);
      case 'backendError':
      case 'unavailable':
        return respond(kind);
      case 'sync-token-gone':
        return isIncrementalEventsList(req) ? respond('fullSyncRequired') : null;
      case 'delay':
        return { kind: 'delay', ms: r.delayMs ?? 200 };
      default:
        return { kind };
    }
  }
}
