// Counts every fault the fake Google actually served, by kind, and lets the
// killer watch requests as they arrive (no polling). It wraps the fake's
// fault engine: every request passes through its decide().
import type { FakeGoogle } from '../../tests/fakes/google';
import { errorBody, ERRORS } from '../../src/main/core/demo/sample-google/errors';
import type { FaultDecision } from '../../src/main/core/demo/sample-google/faults';
import type { FakeRequest } from '../../src/main/core/demo/sample-google/http';

type Listener = (req: FakeRequest) => void;

export class FaultTally {
  readonly counts = new Map<string, number>();
  private readonly listeners = new Set<Listener>();
  /** Requests seen since the world started. */
  requests = 0;
  private midPaging410 = 0;

  constructor(google: FakeGoogle) {
    const engine = google.faults as unknown as { decide(req: FakeRequest): FaultDecision | null };
    const decide = engine.decide.bind(engine);
    engine.decide = (req) => {
      this.requests++;
      for (const l of this.listeners) l(req);
      const d = this.pagedIncremental(req) ? this.take410() : decide(req);
      if (d) this.add(kindOf(d, req));
      return d;
    };
  }

  add(kind: string, n = 1): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + n);
  }

  /**
   * The next `n` incremental listings that reach a second page get 410 there:
   * the token dies between pages, as it can at Google. (The fake's own random
   * 410 picks any incremental request, so it rarely lands past page one.)
   */
  fail410MidPaging(n = 1): void {
    this.midPaging410 = n;
  }

  private pagedIncremental(req: FakeRequest): boolean {
    return (
      this.midPaging410 > 0 &&
      req.method === 'GET' &&
      req.path.endsWith('/events') &&
      req.query.has('syncToken') &&
      req.query.has('pageToken')
    );
  }

  private take410(): FaultDecision {
    this.midPaging410--;
    return { kind: 'respond', response: { status: 410, json: errorBody(ERRORS.fullSyncRequired) } };
  }

  onRequest(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}

function kindOf(d: FaultDecision, req: FakeRequest): string {
  const insert = req.method === 'POST' && req.path.endsWith('/events');
  if (d.kind !== 'respond') {
    if (d.kind === 'delay') return 'google: slow response';
    const name = {
      reset: 'connection reset',
      hang: 'hang past the timeout',
      'lost-response': 'lost response',
      'malformed-json': 'malformed JSON',
    }[d.kind];
    return `google: ${name}${insert ? ' (insert)' : ''}`;
  }
  const status = d.response.status;
  const retryAfter = Object.keys(d.response.headers ?? {}).some((h) => h.toLowerCase() === 'retry-after')
    ? ' + Retry-After'
    : '';
  if (status === 410) return req.query.has('pageToken') ? 'google: 410 mid-paging' : 'google: 410 on the first page';
  if (status === 403) return `google: 403 rate limit${retryAfter}`;
  if (status === 429) return `google: 429${retryAfter}`;
  return `google: ${status}${insert ? ' (insert)' : ''}`;
}
