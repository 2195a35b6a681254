// The cache side of the reconcile (store/outbox-reconcile.ts): arming asks for
// one, which calendars it compares and by which rule, what it queues, and the
// calendars that leave the cache while no workspace is connected.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventRow } from '../../../../src/main/core/store/event-row';
import { Store } from '../../../../src/main/core/store/store';
import { eventRow } from '../../../helpers/event-row';
import { useTempDir } from '../../../helpers/temp-dir';

const tmp = useTempDir();
const WS = 'https://p.example#ws-1';
const T = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();

const row = (id: string, over: Partial<EventRow> = {}): EventRow => eventRow(id, { updated: T(0), ...over });

const calendar = (id: string) => ({
  id,
  summary: id,
  timeZone: 'UTC',
  accessRole: 'owner',
  primary: false,
  color: null,
});

function open(): Store {
  const store = Store.open(path.join(tmp(), 'c.db'));
  store.accounts.upsert({ id: 'acc', email: 'a@example.test', scopes: [], tokenIssuedAt: 0 }, 0);
  store.calendars.replaceForAccount('acc', [calendar('cal'), calendar('other'), calendar('off')]);
  return store;
}

/** A finished listing of `calendarId` that started at `startedAt` and left a sync token. */
function listed(s: Store, calendarId: string, startedAt: number, status: 'succeeded' | 'failed' = 'succeeded'): void {
  const run = s.runs.create({ trigger: 'cli', kind: 'full', owner: 'test' }, startedAt);
  s.runs.startCalendar(run, 'acc', calendarId, 'full');
  s.runs.finishCalendar(run, 'acc', calendarId, status, null);
  s.runs.finish(run, status, null, startedAt + 10);
  if (status === 'succeeded') s.calendars.setSyncToken('acc', calendarId, `token-${run}`, startedAt + 10);
}

const outbox = (s: Store) =>
  s.db
    .prepare(
      'SELECT c.calendar_id AS cal, o.event_id AS id, o.op, o.version FROM outbox o JOIN outbox_calendars c ON c.no = o.calendar_no ORDER BY 1, 2',
    )
    .all() as Array<{
    cal: string;
    id: string;
    op: string;
    version: string | null;
  }>;
const drainAll = (s: Store) => {
  for (const c of s.outbox.calendars()) s.outbox.ack(s.outbox.batch(c, '', 10_000));
};

/** The note a calendar leaves when it departs while disconnected (schema step 11), or null. */
const departed = (s: Store, calendarId: string) =>
  s.db.prepare('SELECT departed_at FROM outbox_departed WHERE calendar_id = ?').get(calendarId) ?? null;

describe('reconcile: when it is due', () => {
  it('arming for a workspace asks for one; the same workspace again does not; disarming forgets it', () => {
    const s = open();
    expect(s.outbox.reconcile.pending(WS)).toBe(false);
    s.outbox.arm(WS, 1);
    expect(s.outbox.reconcile.pending(WS)).toBe(true);
    s.outbox.reconcile.clear();
    s.outbox.arm(WS, 2);
    expect(s.outbox.reconcile.pending(WS)).toBe(false);
    s.outbox.reconcile.request(WS);
    s.outbox.disarm();
    expect(s.outbox.reconcile.pending(WS)).toBe(false);
    expect(s.outbox.reconcile.plan(WS)).toBeNull();
  });

  it('a plan for another workspace than the pending one is empty', () => {
    const s = open();
    s.outbox.arm(WS, 1);
    expect(s.outbox.reconcile.plan('https://p.example#ws-2')).toBeNull();
  });
});

describe('reconcile: which calendars, by which rule', () => {
  it('listed calendars carry their newest complete listing start; unlisted ones wait; disabled ones are dropped', () => {
    const s = open();
    listed(s, 'cal', 1_000);
    listed(s, 'cal', 5_000);
    listed(s, 'cal', 9_000, 'failed'); // a failed listing proves nothing
    listed(s, 'off', 2_000);
    s.calendars.setEnabled('acc', 'off', false);
    s.outbox.arm(WS, 10_000);
    expect(s.outbox.reconcile.plan(WS)).toEqual({
      tasks: [
        { calendarId: 'cal', mode: 'listed', accountId: 'acc', listedAt: 5_000 },
        { calendarId: 'off', mode: 'dropped', accountId: 'acc' },
      ],
      waiting: 1, // "other": no complete listing yet
    });
  });

  it('a calendar left with rows too recent to judge is compared again only after a newer listing', () => {
    const s = open();
    listed(s, 'cal', 5_000);
    s.outbox.arm(WS, 6_000);
    const [task] = s.outbox.reconcile.plan(WS)!.tasks;
    s.outbox.reconcile.finish(WS, task!, false);
    expect(s.outbox.reconcile.plan(WS)).toEqual({ tasks: [], waiting: 3 });
    listed(s, 'cal', 7_000);
    expect(s.outbox.reconcile.plan(WS)!.tasks).toEqual([
      { calendarId: 'cal', mode: 'listed', accountId: 'acc', listedAt: 7_000 },
    ]);
    s.outbox.reconcile.finish(WS, { calendarId: 'cal', mode: 'listed', accountId: 'acc', listedAt: 7_000 }, true);
    listed(s, 'other', 8_000);
    listed(s, 'off', 8_000);
    const last = s.outbox.reconcile.plan(WS)!;
    expect(last.tasks.map((t) => t.calendarId)).toEqual(['off', 'other']);
    for (const t of last.tasks) s.outbox.reconcile.finish(WS, t, true);
    expect(s.outbox.reconcile.pending(WS)).toBe(false); // all done: the note is gone
  });

  it('calendars that leave the cache while disconnected are remembered and dropped at the next reconcile; while connected they are not', () => {
    const s = open();
    s.accounts.upsert({ id: 'acc2', email: 'b@example.test', scopes: [], tokenIssuedAt: 0 }, 0);
    s.calendars.replaceForAccount('acc2', [calendar('shared'), calendar('mine')]);
    s.calendars.replaceForAccount('acc', [calendar('cal'), calendar('shared')]);
    // Connected: a calendar leaving queues its deletions as before, and leaves no note.
    s.outbox.arm(WS, 1);
    s.calendars.replaceForAccount('acc', [calendar('cal'), calendar('shared')]);
    s.outbox.disarm();
    expect(departed(s, 'other')).toBeNull();
    // Disconnected: the account logs out (its calendars cascade away); "shared" has another copy.
    s.accounts.delete('acc2');
    expect(departed(s, 'mine')).not.toBeNull();
    expect(departed(s, 'shared')).toBeNull();
    expect(s.outbox.count()).toBe(0); // still nothing queued while disconnected
    s.outbox.arm(WS, 2);
    expect(s.db.prepare('SELECT count(*) AS n FROM outbox_disconnected').get()).toEqual({ n: 0 });
    const plan = s.outbox.reconcile.plan(WS)!;
    expect(plan.tasks).toEqual([{ calendarId: 'mine', mode: 'dropped', accountId: '' }]);
    s.outbox.reconcile.finish(WS, plan.tasks[0]!, true);
    expect(departed(s, 'mine')).toBeNull();
  });

  it('a departed calendar that came back before reconnecting is judged like any other', () => {
    const s = open();
    s.outbox.arm(WS, 1);
    s.outbox.disarm();
    s.calendars.replaceForAccount('acc', [calendar('cal'), calendar('off')]);
    expect(departed(s, 'other')).not.toBeNull();
    s.calendars.replaceForAccount('acc', [calendar('cal'), calendar('off'), calendar('other')]);
    s.outbox.arm(WS, 2);
    expect(s.outbox.reconcile.plan(WS)).toEqual({ tasks: [], waiting: 3 });
    expect(departed(s, 'other')).toBeNull();
  });
});

describe('reconcile: what it queues', () => {
  it('deletes for keys the cache lacks, at the workspace version; never for a cached key; a queued delete keeps the newer version', () => {
    const s = open();
    s.events.upsert('acc', 'cal', row('kept'), null);
    s.events.upsert('acc', 'cal', row('swept', { updated: T(1) }), null);
    s.outbox.arm(WS, 1);
    drainAll(s);
    s.events.deleteCancelled('acc', 'cal', 'swept'); // queued at T(1)
    const task = { calendarId: 'cal', mode: 'listed' as const, accountId: 'acc', listedAt: 0 };
    const n = s.outbox.reconcile.queueDeletes(WS, task, [
      { eventId: 'kept', version: T(0) },
      { eventId: 'gone', version: '2026-01-01T00:05:00.123+00:00' },
      { eventId: 'swept', version: T(3) }, // another device pushed a newer version before the deletion
    ]);
    expect(n).toBe(2);
    expect(outbox(s)).toEqual([
      { cal: 'cal', id: 'gone', op: 'delete', version: '2026-01-01T00:05:00.123+00:00' },
      { cal: 'cal', id: 'swept', op: 'delete', version: T(3) },
    ]);
    // An older version does not lower it.
    expect(s.outbox.reconcile.queueDeletes(WS, task, [{ eventId: 'swept', version: T(2) }])).toBe(0);
    expect(outbox(s).find((r) => r.id === 'swept')?.version).toBe(T(3));
    expect(
      s.outbox.reconcile.countAbsent('cal', [
        { eventId: 'kept', version: T(0) },
        { eventId: 'x', version: T(0) },
      ]),
    ).toBe(1);
  });

  it('a queued delete whose event then arrives in the cache becomes an upsert', () => {
    const s = open();
    s.outbox.arm(WS, 1);
    s.outbox.reconcile.queueDeletes(WS, { calendarId: 'cal', mode: 'listed', accountId: 'acc', listedAt: 0 }, [
      { eventId: 'late', version: T(0) },
    ]);
    s.events.upsert('acc', 'cal', row('late', { updated: T(4) }), null);
    expect(outbox(s)).toEqual([{ cal: 'cal', id: 'late', op: 'upsert', version: null }]);
  });

  it('queues nothing once the outbox is disarmed or armed for another workspace', () => {
    const s = open();
    s.outbox.arm(WS, 1);
    const task = { calendarId: 'cal', mode: 'listed' as const, accountId: 'acc', listedAt: 0 };
    s.outbox.disarm();
    expect(s.outbox.reconcile.queueDeletes(WS, task, [{ eventId: 'x', version: T(0) }])).toBe(-1);
    s.outbox.arm('https://p.example#ws-2', 2);
    expect(s.outbox.reconcile.queueDeletes(WS, task, [{ eventId: 'x', version: T(0) }])).toBe(-1);
    expect(s.outbox.count()).toBe(0);
  });

  it('a calendar unknown to the outbox gets its number first (a departed calendar)', () => {
    const s = open();
    s.outbox.arm(WS, 1);
    const task = { calendarId: 'gone-cal', mode: 'dropped' as const, accountId: '' };
    expect(s.outbox.reconcile.queueDeletes(WS, task, [{ eventId: 'x', version: T(0) }])).toBe(1);
    expect(s.outbox.calendars()).toContain('gone-cal');
    expect(s.outbox.batch('gone-cal', '', 10)).toMatchObject([
      { calendarId: 'gone-cal', eventId: 'x', op: 'delete', version: T(0), event: null },
    ]);
  });

  it('a calendar no longer synced queues "withdrawn" deletes, a listed one "gone"; of the two on one key, "gone" wins', () => {
    const s = open();
    s.outbox.arm(WS, 1);
    const dropped = { calendarId: 'cal', mode: 'dropped' as const, accountId: 'acc' };
    const listed = { calendarId: 'cal', mode: 'listed' as const, accountId: 'acc', listedAt: 0 };
    const kinds = () => s.outbox.batch('cal', '', 10).map((e) => `${e.eventId}:${e.withdrawn ? 'withdrawn' : 'gone'}`);
    s.outbox.reconcile.queueDeletes(WS, dropped, [
      { eventId: 'a', version: T(0) },
      { eventId: 'b', version: T(0) },
    ]);
    s.outbox.reconcile.queueDeletes(WS, listed, [{ eventId: 'c', version: T(0) }]);
    expect(kinds()).toEqual(['a:withdrawn', 'b:withdrawn', 'c:gone']);
    s.outbox.reconcile.queueDeletes(WS, listed, [{ eventId: 'a', version: T(1) }]);
    s.outbox.reconcile.queueDeletes(WS, dropped, [{ eventId: 'c', version: T(1) }]);
    expect(kinds()).toEqual(['a:gone', 'b:withdrawn', 'c:gone']);
  });
});
