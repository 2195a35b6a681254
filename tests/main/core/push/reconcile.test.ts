// The reconcile against a scripted workspace (push/reconcile.ts): keyset
// paging until an empty page, which rows are deleted under each rule (the
// listing start and its margin; only this device's rows of a dropped
// calendar), retries, and stopping part-way (lost lock, disconnected) with the
// calendar left pending for the next push.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../src/main/core/log/logger';
import { reconcileWorkspace, type ReconcileDeps } from '../../../../src/main/core/push/reconcile';
import type { EventRow } from '../../../../src/main/core/store/event-row';
import { Store } from '../../../../src/main/core/store/store';
import type { LiveKeysQuery, WorkspaceRpc } from '../../../../src/main/core/supabase/workspace-rpc';
import { AppError } from '../../../../src/shared/errors';
import { eventRow } from '../../../helpers/event-row';
import { useTempDir } from '../../../helpers/temp-dir';

const tmp = useTempDir();
const WS = 'https://p.example#ws';
const MIN = 60_000;
const LISTED_AT = Date.UTC(2026, 0, 1, 12);
/** A version `m` minutes before (negative: after) the listing start. */
const before = (m: number) => new Date(LISTED_AT - m * MIN).toISOString();

const row = (id: string): EventRow => eventRow(id, { updated: before(60) });

/** A cache whose "cal" was listed at LISTED_AT and holds `cached`; "off" is disabled. */
function storeWith(cached: string[]): Store {
  const store = Store.open(path.join(tmp(), 'c.db'));
  store.accounts.upsert({ id: 'acc', email: 'a@example.test', scopes: [], tokenIssuedAt: 0 }, 0);
  const cal = (id: string) => ({ id, summary: id, timeZone: 'UTC', accessRole: 'owner', primary: false, color: null });
  store.calendars.replaceForAccount('acc', [cal('cal'), cal('off')]);
  store.calendars.setEnabled('acc', 'off', false);
  const run = store.runs.create({ trigger: 'cli', kind: 'full', owner: 't' }, LISTED_AT);
  store.runs.startCalendar(run, 'acc', 'cal', 'full');
  store.runs.finishCalendar(run, 'acc', 'cal', 'succeeded', null);
  store.calendars.setSyncToken('acc', 'cal', 'token', LISTED_AT + 1_000);
  store.transaction(() => cached.forEach((id) => store.events.insert('acc', 'cal', row(id), null)));
  store.outbox.arm(WS, 0);
  for (const c of store.outbox.calendars()) store.outbox.ack(store.outbox.batch(c, '', 1_000)); // the backfill went out
  return store;
}

interface Stored {
  id: string;
  version: string;
  mine: boolean;
}

/** A workspace holding `rows` per calendar, answering liveKeys like PostgREST (sorted, after, limit). */
function scripted(rows: Record<string, Stored[]>, fail: (n: number) => AppError | null = () => null) {
  const queries: Array<{ calendarId: string } & LiveKeysQuery> = [];
  const rpc = {
    deviceId: 'me',
    liveKeys: async (calendarId: string, q: LiveKeysQuery) => {
      queries.push({ calendarId, ...q });
      const err = fail(queries.length);
      if (err) throw err;
      return (rows[calendarId] ?? [])
        .filter((r) => r.id > q.after && (!q.ownOnly || r.mine))
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .slice(0, q.limit)
        .map((r) => ({ eventId: r.id, version: r.version }));
    },
  } as unknown as WorkspaceRpc;
  return { rpc, queries };
}

function deps(store: Store, over: Partial<ReconcileDeps> = {}): ReconcileDeps {
  return {
    store,
    log: silentLogger,
    sleep: async () => undefined,
    random: () => 0.5,
    policy: { baseMs: 1, maxMs: 10, maxAttempts: 3 },
    pageSize: 2,
    marginMs: 5 * MIN,
    stillOwner: () => true,
    ...over,
  };
}

const queued = (s: Store) =>
  s.db
    .prepare(
      'SELECT c.calendar_id AS cal, o.event_id AS id, o.op, o.version FROM outbox o JOIN outbox_calendars c ON c.no = o.calendar_no ORDER BY 1, 2',
    )
    .all();

describe('reconciling against the workspace', () => {
  it('deletes rows the cache lacks that are older than the listing start minus the margin; keeps newer ones and cached ones', async () => {
    const store = storeWith(['a', 'c']);
    const { rpc, queries } = scripted({
      cal: [
        { id: 'a', version: before(60), mine: true }, // cached
        { id: 'b', version: before(60), mine: false }, // deleted since: another device's row goes too
        { id: 'c', version: before(1), mine: true }, // cached (inside the margin, but cached)
        { id: 'd', version: before(-1), mine: false }, // created after the listing: not this device's to judge
        { id: 'e', version: before(6), mine: true }, // deleted since
      ],
    });
    const r = await reconcileWorkspace(deps(store), rpc, WS);
    expect(r).toEqual({ calendars: 2, queued: 2, waiting: 0 });
    expect(queued(store)).toEqual([
      { cal: 'cal', id: 'b', op: 'delete', version: before(60) },
      { cal: 'cal', id: 'e', op: 'delete', version: before(6) },
    ]);
    // Pages of two, after the last key of the previous page, until an empty page.
    expect(queries.filter((q) => q.calendarId === 'cal').map((q) => q.after)).toEqual(['', 'b', 'd', 'e']);
    expect(queries.every((q) => q.limit === 2)).toBe(true);
    expect(store.outbox.reconcile.pending(WS)).toBe(false);
    expect(await reconcileWorkspace(deps(store), rpc, WS)).toBeNull(); // nothing pending any more
  });

  it('a row the cache lacks inside the margin leaves the calendar pending until a newer listing', async () => {
    const store = storeWith([]);
    const { rpc } = scripted({ cal: [{ id: 'x', version: before(2), mine: true }] });
    expect(await reconcileWorkspace(deps(store), rpc, WS)).toEqual({ calendars: 2, queued: 0, waiting: 1 });
    expect(store.outbox.count()).toBe(0);
    // Not compared again before the next listing…
    expect(await reconcileWorkspace(deps(store), rpc, WS)).toEqual({ calendars: 0, queued: 0, waiting: 1 });
    // …which, ten minutes later, decides it.
    const run = store.runs.create({ trigger: 'cli', kind: 'incremental', owner: 't' }, LISTED_AT + 10 * MIN);
    store.runs.startCalendar(run, 'acc', 'cal', 'incremental');
    store.runs.finishCalendar(run, 'acc', 'cal', 'succeeded', null);
    expect(await reconcileWorkspace(deps(store), rpc, WS)).toEqual({ calendars: 1, queued: 1, waiting: 0 });
    expect(store.outbox.reconcile.pending(WS)).toBe(false);
  });

  it('a calendar this device no longer syncs: only the rows it pushed last, whatever their version', async () => {
    const store = storeWith([]);
    const { rpc, queries } = scripted({
      off: [
        { id: 'm1', version: before(-30), mine: true },
        { id: 'o1', version: before(60), mine: false },
      ],
    });
    await reconcileWorkspace(deps(store), rpc, WS);
    expect(queries.filter((q) => q.calendarId === 'off').every((q) => q.ownOnly === true)).toBe(true);
    expect(queries.filter((q) => q.calendarId === 'cal').every((q) => !q.ownOnly)).toBe(true);
    expect(queued(store)).toEqual([{ cal: 'off', id: 'm1', op: 'delete', version: before(-30) }]);
  });

  it('retries a read that found Supabase unreachable; a lasting failure leaves everything pending', async () => {
    const unreachable = () =>
      new AppError('supabase-error', 'Supabase is unreachable', { status: 0, code: '', retryable: true });
    const store = storeWith([]);
    const flaky = scripted({ cal: [{ id: 'b', version: before(60), mine: true }] }, (n) =>
      n === 1 ? unreachable() : null,
    );
    expect(await reconcileWorkspace(deps(store), flaky.rpc, WS)).toMatchObject({ queued: 1 });

    store.outbox.reconcile.request(WS);
    const down = scripted({}, () => unreachable());
    await expect(reconcileWorkspace(deps(store), down.rpc, WS)).rejects.toThrow(/unreachable/);
    expect(down.queries).toHaveLength(3);
    expect(store.outbox.reconcile.pending(WS)).toBe(true);
  });

  it('stops between pages when the push lock is lost, or when the workspace was disconnected meanwhile; the next run goes on', async () => {
    const store = storeWith([]);
    const rows = { cal: ['p', 'q', 'r', 's', 't'].map((id) => ({ id, version: before(60), mine: true })) };
    let owner = true;
    const { rpc } = scripted(rows, (n) => {
      if (n === 2) owner = false; // lost while the second page was read
      return null;
    });
    expect(await reconcileWorkspace(deps(store, { stillOwner: () => owner }), rpc, WS)).toEqual({
      calendars: 0,
      queued: 4,
      waiting: 2,
    });
    expect(store.outbox.reconcile.pending(WS)).toBe(true);
    expect(await reconcileWorkspace(deps(store), scripted(rows).rpc, WS)).toEqual({
      calendars: 2,
      queued: 1,
      waiting: 0,
    });
    expect(store.outbox.count()).toBe(5);

    // Disconnected while reading: nothing more is queued into a disarmed outbox.
    store.outbox.ack(store.outbox.batch('cal', '', 10));
    store.outbox.reconcile.request(WS);
    const gone = scripted(rows, (n) => {
      if (n === 1) store.outbox.disarm();
      return null;
    });
    expect(await reconcileWorkspace(deps(store), gone.rpc, WS)).toMatchObject({ calendars: 0, queued: 0 });
    expect(store.outbox.count()).toBe(0);
  });

  it('a row exactly at the cutoff is in the margin (pending); one exactly at the listing start is left alone', async () => {
    const atCutoff = storeWith([]);
    const r1 = await reconcileWorkspace(
      deps(atCutoff),
      scripted({ cal: [{ id: 'x', version: before(5), mine: true }] }).rpc,
      WS,
    );
    expect(r1).toEqual({ calendars: 2, queued: 0, waiting: 1 });
    expect(atCutoff.outbox.count()).toBe(0);
    // A millisecond older is doomed.
    const older = storeWith([]);
    const justBefore = new Date(LISTED_AT - 5 * MIN - 1).toISOString();
    const r2 = await reconcileWorkspace(
      deps(older),
      scripted({ cal: [{ id: 'x', version: justBefore, mine: true }] }).rpc,
      WS,
    );
    expect(r2).toEqual({ calendars: 2, queued: 1, waiting: 0 });
    const atStart = storeWith([]);
    const r3 = await reconcileWorkspace(
      deps(atStart),
      scripted({ cal: [{ id: 'x', version: before(0), mine: true }] }).rpc,
      WS,
    );
    expect(r3).toEqual({ calendars: 2, queued: 0, waiting: 0 });
    expect(atStart.outbox.reconcile.pending(WS)).toBe(false);
  });

  it('a stop in the second calendar leaves that one pending, not both', async () => {
    const store = storeWith([]);
    const rows = {
      cal: [{ id: 'p', version: before(60), mine: true }],
      off: [{ id: 'q', version: before(60), mine: true }],
    };
    let owner = true;
    const seen: string[] = [];
    const { rpc } = scripted(rows);
    const watched = {
      deviceId: 'me',
      liveKeys: async (calendarId: string, q: LiveKeysQuery) => {
        if (seen.length > 0 && seen[0] !== calendarId) owner = false; // lost once the second calendar is read
        seen.push(calendarId);
        return rpc.liveKeys(calendarId, q);
      },
    } as unknown as WorkspaceRpc;
    expect(await reconcileWorkspace(deps(store, { stillOwner: () => owner }), watched, WS)).toEqual({
      calendars: 1,
      queued: 2, // the second calendar's first page was read before the lock was found lost
      waiting: 1,
    });
    expect(store.outbox.reconcile.pending(WS)).toBe(true);
  });
});
