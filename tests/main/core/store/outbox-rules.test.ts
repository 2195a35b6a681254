// The pure rules of the outbox (store/outbox-rules.ts), driven by fast-check
// against an oracle that shares no code with them: one key, cached by up to
// two accounts, changed at random while pushes pick the row up and deliver it
// late, or crash between sending and acknowledging. One push at a time (the
// push lock), one batch in flight. Whatever the order, once the queue is drained the workspace holds the
// key exactly when the cache does, with a cached copy's content; and a queue
// row never outlives its reason.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextRow, type CacheChange, type QueuedRow } from '../../../../src/main/core/store/outbox-rules';

type Step =
  | { kind: 'put'; account: 'a' | 'b' }
  | { kind: 'del'; account: 'a' | 'b'; cause: 'gone' | 'withdrawn' }
  | { kind: 'pickup' }
  | { kind: 'deliver' }
  /** The push dies after sending (`reached`: the workspace got it) and before the acknowledgement. */
  | { kind: 'crash'; reached: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('put' as const), account: fc.constantFrom('a' as const, 'b' as const) }),
  fc.record({
    kind: fc.constant('del' as const),
    account: fc.constantFrom('a' as const, 'b' as const),
    cause: fc.constantFrom('gone' as const, 'withdrawn' as const),
  }),
  fc.record({ kind: fc.constant('pickup' as const) }),
  fc.record({ kind: fc.constant('deliver' as const) }),
  fc.record({ kind: fc.constant('crash' as const), reached: fc.boolean() }),
);

/** What a push read and is about to send. */
interface InFlight {
  rev: number;
  op: 'upsert' | 'delete';
  payload: string | undefined;
}

function simulate(steps: Step[]) {
  const cache = new Map<string, string>(); // account → content of its copy
  let workspace: string | null = null;
  let row: QueuedRow | null = null;
  let flight: InFlight | null = null;
  let version = 0;
  const apply = (c: CacheChange) => (row = nextRow(row, c));
  const pickup = () => {
    if (!row || flight) return;
    // markSending: the workspace may know the key from now on.
    row = { ...row, unsent: false };
    flight = { rev: row.rev, op: row.op, payload: row.op === 'upsert' ? cache.get(row.accountId) : undefined };
  };
  const reach = (f: InFlight) => {
    if (f.op === 'delete') workspace = null;
    else if (f.payload !== undefined) workspace = f.payload;
  };
  const deliver = () => {
    if (!flight) return;
    reach(flight);
    if (row?.rev === flight.rev) row = null; // ack at the revision sent
    flight = null;
  };
  for (const s of steps) {
    if (s.kind === 'put') {
      const had = cache.has(s.account);
      cache.set(s.account, `${s.account}@${++version}`);
      apply({ kind: had ? 'updated' : 'inserted', accountId: s.account });
    } else if (s.kind === 'del') {
      if (!cache.has(s.account)) continue;
      cache.delete(s.account);
      const other = [...cache.keys()][0] ?? null;
      apply({ kind: 'deleted', accountId: s.account, version: String(version), cause: s.cause, otherCopy: other });
    } else if (s.kind === 'pickup') pickup();
    else if (s.kind === 'deliver') deliver();
    else if (flight) {
      if (s.reached) reach(flight);
      flight = null;
    }
  }
  // Drain: deliver what is in flight, then push until the queue is empty.
  deliver();
  for (let i = 0; row && i < 10; i++) {
    pickup();
    deliver();
  }
  return { cache, workspace, row };
}

describe('outbox rules', () => {
  it('model: after any interleaving of changes and late deliveries, draining makes the workspace hold the key iff the cache does, with a cached copy', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const { cache, workspace, row } = simulate(steps);
        expect(row).toBeNull();
        if (cache.size === 0) expect(workspace).toBeNull();
        else expect([...cache.values()]).toContain(workspace);
      }),
      { numRuns: 2000 },
    );
  });

  it('a key created and deleted before any push leaves no row; once picked up, its delete is kept', () => {
    const inserted = nextRow(null, { kind: 'inserted', accountId: 'a' });
    expect(inserted).toMatchObject({ op: 'upsert', unsent: true, rev: 1 });
    expect(
      nextRow(inserted, { kind: 'deleted', accountId: 'a', version: 'v', cause: 'gone', otherCopy: null }),
    ).toBeNull();
    const sent = { ...inserted!, unsent: false };
    expect(
      nextRow(sent, { kind: 'deleted', accountId: 'a', version: 'v', cause: 'withdrawn', otherCopy: null }),
    ).toEqual({
      accountId: 'a',
      op: 'delete',
      version: 'v',
      withdrawn: true,
      rev: 2,
      unsent: false,
    });
    // A change of an event cached before the workspace was connected: it may be known already.
    expect(nextRow(null, { kind: 'updated', accountId: 'a' })).toMatchObject({ unsent: false });
  });

  it('every change that queues something raises the revision; a cancellation only raises a queued delete to a newer version, and makes it "gone"', () => {
    const iso = fc
      // Few distinct instants, so a change often carries the very version already queued.
      .integer({ min: 0, max: 6 })
      .map((m) => new Date(Date.UTC(2026, 0, 1) + m * 60_000).toISOString());
    const row: fc.Arbitrary<QueuedRow> = fc.record({
      accountId: fc.constantFrom('a', 'b'),
      op: fc.constantFrom('upsert' as const, 'delete' as const),
      version: fc.option(iso),
      withdrawn: fc.boolean(),
      rev: fc.integer({ min: 1, max: 100 }),
      unsent: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.option(row), iso, fc.constantFrom('gone' as const, 'withdrawn' as const), (prev, v, cause) => {
        for (const change of [
          { kind: 'inserted', accountId: 'a' },
          { kind: 'updated', accountId: 'b' },
          { kind: 'deleted', accountId: 'a', version: v, cause, otherCopy: null },
          { kind: 'deleted', accountId: 'a', version: v, cause, otherCopy: 'b' },
        ] satisfies CacheChange[]) {
          const next = nextRow(prev, change);
          if (next) expect(next.rev).toBe((prev?.rev ?? 0) + 1);
        }
        // An upsert is never a tombstone: whatever was queued, it is a plain upsert of the copy that changed.
        for (const kind of ['inserted', 'updated'] as const)
          expect(nextRow(prev, { kind, accountId: 'a' })).toEqual({
            accountId: 'a',
            op: 'upsert',
            version: null,
            withdrawn: false,
            rev: (prev?.rev ?? 0) + 1,
            unsent: prev ? prev.unsent : kind === 'inserted',
          });
        // Deleting one copy of a shared event upserts the other, as sent: the workspace may hold either copy.
        expect(nextRow(prev, { kind: 'deleted', accountId: 'a', version: v, cause, otherCopy: 'b' })).toEqual({
          accountId: 'b',
          op: 'upsert',
          version: null,
          withdrawn: false,
          rev: (prev?.rev ?? 0) + 1,
          unsent: false,
        });
        const raised = nextRow(prev, { kind: 'cancelled-at', version: v });
        if (prev?.op === 'delete' && (prev.version === null || Date.parse(prev.version) < Date.parse(v))) {
          expect(raised).toEqual({ ...prev, version: v, withdrawn: false });
        } else expect(raised).toBe(prev);
        // The reconcile's delete of a key the cache lacks: never over a queued upsert, never to an older version; "gone" wins.
        const absent = nextRow(prev, { kind: 'absent', accountId: 'a', version: v, cause });
        if (!prev)
          expect(absent).toEqual({
            accountId: 'a',
            op: 'delete',
            version: v,
            withdrawn: cause === 'withdrawn',
            rev: 1,
            unsent: false,
          });
        else if (prev.op === 'upsert' || (prev.version !== null && Date.parse(prev.version) >= Date.parse(v)))
          expect(absent).toBe(prev);
        else
          expect(absent).toEqual({
            ...prev,
            version: v,
            withdrawn: prev.withdrawn && cause === 'withdrawn',
            rev: prev.rev + 1,
          });
      }),
      { numRuns: 500 },
    );
  });
});
