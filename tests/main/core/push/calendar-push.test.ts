// One calendar's push against a scripted workspace: the lease is renewed as
// it ages and a lost lease ends the calendar with its rows kept; retryable
// failures are retried with backoff, then the rows keep the error; a row the
// workspace refuses as invalid is isolated from the rest of its batch and
// quarantined, so it cannot hold the queue.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/shared/errors';
import { silentLogger } from '../../../../src/main/core/log/logger';
import { pushCalendar, type CalendarPushDeps } from '../../../../src/main/core/push/calendar-push';
import type { EventRow } from '../../../../src/main/core/store/event-row';
import { Store } from '../../../../src/main/core/store/store';
import type { SupabaseEventKey, SupabaseEventRow } from '../../../../src/main/core/supabase/event-row';
import type { WorkspaceRpc } from '../../../../src/main/core/supabase/workspace-rpc';
import { eventRow } from '../../../helpers/event-row';
import { useTempDir } from '../../../helpers/temp-dir';

const tmp = useTempDir();

const row = (id: string): EventRow => eventRow(id);

function storeWith(ids: string[]): Store {
  const store = Store.open(path.join(tmp(), 'c.db'));
  store.accounts.upsert({ id: 'acc', email: 'a@example.test', scopes: [], tokenIssuedAt: 0 }, 0);
  store.calendars.replaceForAccount('acc', [
    { id: 'cal', summary: 'c', timeZone: 'UTC', accessRole: 'owner', primary: true, color: '#123456' },
  ]);
  store.outbox.arm('https://p.example#ws', 0);
  store.transaction(() => ids.forEach((id) => store.events.insert('acc', 'cal', row(id), null)));
  return store;
}

/** A workspace that records calls; `fail` decides, per call, whether to throw instead. */
function scriptedRpc(
  fail: (call: { fn: string; n: number; ids: string[] }) => AppError | null = () => null,
  lease: (n: number) => boolean = () => true,
) {
  const calls: Array<{ fn: string; ids: string[] }> = [];
  const received = new Map<string, string>();
  let leaseCalls = 0;
  const record = (fn: string, ids: string[]) => {
    calls.push({ fn, ids });
    const err = fail({ fn, n: calls.filter((c) => c.fn === fn).length, ids });
    if (err) throw err;
  };
  const rpc = {
    acquireLease: async () => lease(++leaseCalls),
    releaseLease: async () => true,
    upsertEvents: async (rows: readonly SupabaseEventRow[]) => {
      record(
        'upsert',
        rows.map((r) => r.external_event_id),
      );
      for (const r of rows) received.set(r.external_event_id, `${r.title}/${r.color}`);
      return { inserted: rows.length, updated: 0, ignored: 0 };
    },
    deleteEvents: async (keys: readonly SupabaseEventKey[]) => {
      record(
        'delete',
        keys.map((k) => k.external_event_id),
      );
      for (const k of keys) received.set(k.external_event_id, `deleted@${k.external_updated_at}`);
      return { deleted: keys.length, tombstoned: 0, ignored: 0 };
    },
  } as unknown as WorkspaceRpc;
  return { rpc, calls, received, leaseCalls: () => leaseCalls };
}

function deps(store: Store, over: Partial<CalendarPushDeps> = {}) {
  let now = 0;
  const sleeps: number[] = [];
  const d: CalendarPushDeps = {
    store,
    log: silentLogger,
    clock: { now: () => now },
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    random: () => 0.5,
    policy: { baseMs: 100, maxMs: 1_000, maxAttempts: 4 },
    batchSize: 3,
    leaseTtlMs: 9_000,
    leaseWaitMs: 1_000,
    stillOwner: () => true,
    onSent: () => undefined,
    ...over,
  };
  return { d, sleeps, advance: (ms: number) => (now += ms) };
}

const unreachable = () =>
  new AppError('supabase-error', 'Supabase is unreachable (event upload)', { status: 0, code: '', retryable: true });

describe('pushing one calendar', () => {
  it('sends every row in key-ordered batches with the calendar colour, deletes at their version, and empties the outbox', async () => {
    const store = storeWith(['e1', 'e2', 'e3', 'e4', 'e5']);
    store.events.deleteCancelled('acc', 'cal', 'e5'); // never sent: leaves nothing
    store.outbox.markSending('cal', store.outbox.batch('cal', '', 10));
    store.events.deleteCancelled('acc', 'cal', 'e4');
    const { rpc, calls, received } = scriptedRpc();
    const { d } = deps(store);
    const r = await pushCalendar(d, rpc, 'cal');
    expect(r).toEqual({ sent: 4, quarantined: 0, problem: null, busy: false });
    expect(calls).toEqual([
      { fn: 'upsert', ids: ['e1', 'e2', 'e3'] },
      { fn: 'delete', ids: ['e4'] },
    ]);
    expect(Object.fromEntries(received)).toEqual({
      e1: 'e1/#123456',
      e2: 'e2/#123456',
      e3: 'e3/#123456',
      e4: 'deleted@2026-01-01T00:00:00.000Z',
    });
    expect(store.outbox.count()).toBe(0);
  });

  it('renews the lease once a third of it has passed, and stops the calendar (rows kept) when another device took it', async () => {
    const store = storeWith(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    // Calls: 1 take, 2 renew (ok), 3 renew (lost).
    const { rpc, calls, leaseCalls } = scriptedRpc(undefined, (n) => n < 3);
    const { d, advance } = deps(store, { batchSize: 2 });
    const slowRpc = Object.assign(Object.create(rpc) as WorkspaceRpc, {
      upsertEvents: async (rows: readonly SupabaseEventRow[]) => {
        advance(3_500); // each batch takes over a third of the lease
        return rpc.upsertEvents(rows);
      },
    });
    const r = await pushCalendar(d, slowRpc, 'cal');
    expect(leaseCalls()).toBe(3);
    expect(r).toMatchObject({
      busy: true,
      problem: expect.stringMatching(/Another device took over pushing google:cal/),
    });
    expect(calls.map((c) => c.ids)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(store.outbox.batch('cal', '', 10).map((e) => e.eventId)).toEqual(['e', 'f', 'g']);
  });

  it('waits for a lease held elsewhere until its wait runs out, then leaves the rows', async () => {
    const store = storeWith(['a']);
    const { rpc, calls } = scriptedRpc(undefined, () => false);
    const { d, sleeps } = deps(store, { leaseWaitMs: 1_000, leaseTtlMs: 2_000 });
    expect(await pushCalendar(d, rpc, 'cal')).toMatchObject({ sent: 0, busy: true });
    expect(sleeps.reduce((a, b) => a + b, 0)).toBe(1_000);
    expect(calls).toEqual([]);
    expect(store.outbox.count()).toBe(1);
  });

  it('retries a retryable failure with backoff and then stops the push, keeping the rows with the error', async () => {
    const store = storeWith(['a', 'b', 'c', 'd']);
    const { rpc } = scriptedRpc(({ n }) => (n >= 2 ? unreachable() : null));
    const { d, sleeps } = deps(store);
    await expect(pushCalendar(d, rpc, 'cal')).rejects.toMatchObject({
      name: 'PushStopped',
      error: { code: 'supabase-error' },
    });
    expect(sleeps).toEqual([50, 100, 200]); // full jitter at 0.5 of 100, 200, 400 ms
    const left = store.db.prepare('SELECT event_id, attempts, last_error FROM outbox').all();
    expect(left).toEqual([{ event_id: 'd', attempts: 1, last_error: expect.stringMatching(/unreachable/) }]);
  });

  it('a transient failure is retried and goes through', async () => {
    const store = storeWith(['a', 'b']);
    const { rpc, calls } = scriptedRpc(({ n }) => (n === 1 ? unreachable() : null));
    const { d } = deps(store);
    expect(await pushCalendar(d, rpc, 'cal')).toMatchObject({ sent: 2, quarantined: 0 });
    expect(calls).toHaveLength(2);
    expect(store.outbox.count()).toBe(0);
  });

  it('quarantines a row the workspace refuses as invalid (a data error) and sends the others; the next push is clean', async () => {
    const store = storeWith(['a', 'b', 'bad', 'c', 'd']);
    const refused = new AppError(
      'supabase-error',
      'Supabase event upload failed: unsupported Unicode escape sequence',
      { status: 400, code: '22P05', retryable: false },
    );
    const { rpc, received, calls } = scriptedRpc(({ ids }) => (ids.includes('bad') ? refused : null));
    const { d, advance } = deps(store, { batchSize: 5 });
    advance(1_234);
    const r = await pushCalendar(d, rpc, 'cal');
    expect(r).toEqual({ sent: 4, quarantined: 1, problem: null, busy: false });
    expect([...received.keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(store.outbox.count()).toBe(0);
    expect(store.outbox.quarantine.list(10)).toEqual([
      {
        calendarId: 'cal',
        eventId: 'bad',
        title: expect.any(String),
        op: 'upsert',
        error: refused.message,
        at: new Date(1_234).toISOString(),
      },
    ]);
    // Nothing left to refuse: a second push sends nothing and reports nothing.
    const before = calls.length;
    expect(await pushCalendar(d, rpc, 'cal')).toEqual({ sent: 0, quarantined: 0, problem: null, busy: false });
    expect(calls).toHaveLength(before);
  });

  it('a quarantined event that changes is queued again; once the workspace takes it, its quarantine ends', async () => {
    const store = storeWith(['a', 'bad']);
    let valid = false;
    const refused = new AppError('supabase-error', 'Supabase event upload failed: violates check constraint', {
      status: 400,
      code: '23514',
      retryable: false,
    });
    const { rpc, received } = scriptedRpc(({ ids }) => (ids.includes('bad') && !valid ? refused : null));
    const { d } = deps(store);
    expect(await pushCalendar(d, rpc, 'cal')).toMatchObject({ sent: 1, quarantined: 1 });
    expect(store.outbox.quarantine.count()).toBe(1);
    store.events.upsert('acc', 'cal', { ...row('bad'), title: 'fixed', updated: '2026-05-01T00:00:00.000Z' }, null);
    expect(store.outbox.count()).toBe(1);
    valid = true;
    expect(await pushCalendar(d, rpc, 'cal')).toMatchObject({ sent: 1, quarantined: 0 });
    expect(received.get('bad')).toMatch(/^fixed\//);
    expect(store.outbox.quarantine.count()).toBe(0);
  });

  it('does not quarantine a refused row that changed while it was in flight: the new version stays queued', async () => {
    const store = storeWith(['bad']);
    const refused = new AppError('supabase-error', 'Supabase event upload failed: invalid input', {
      status: 400,
      code: '22P02',
      retryable: false,
    });
    let first = true;
    const { rpc } = scriptedRpc(({ ids }) => {
      if (ids.includes('bad') && first) {
        first = false;
        store.events.upsert(
          'acc',
          'cal',
          { ...row('bad'), title: 'changed meanwhile', updated: '2026-05-01T00:00:00.000Z' },
          null,
        );
        return refused;
      }
      return null;
    });
    const { d } = deps(store);
    expect(await pushCalendar(d, rpc, 'cal')).toEqual({ sent: 0, quarantined: 0, problem: null, busy: false });
    expect(store.outbox.quarantine.count()).toBe(0);
    expect(store.outbox.count()).toBe(1);
    // The next push sends the changed version.
    expect(await pushCalendar(d, rpc, 'cal')).toMatchObject({ sent: 1, quarantined: 0 });
    expect(store.outbox.count()).toBe(0);
  });

  it('a refusal that is not about a row (not a member) stops the push instead of bisecting', async () => {
    const store = storeWith(['a', 'b', 'c']);
    const denied = new AppError('auth-failed', 'Supabase refused event upload: not a member of this workspace', {
      status: 403,
      code: '42501',
      retryable: false,
    });
    const { rpc, calls } = scriptedRpc(() => denied);
    const { d } = deps(store);
    await expect(pushCalendar(d, rpc, 'cal')).rejects.toMatchObject({ error: { code: 'auth-failed' } });
    expect(calls).toHaveLength(1);
    expect(store.outbox.count()).toBe(3);
  });
});
