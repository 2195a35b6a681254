// The transactional outbox: what the repositories queue (outbox-writer.ts,
// rules in outbox-rules.ts) on every path by which the cache changes, and the
// compaction rule that bounds it.
import fc from 'fast-check';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventRow } from '../../../../src/main/core/store/event-row';
import type { OutboxEntry } from '../../../../src/main/core/store/outbox-repo';
import { Store } from '../../../../src/main/core/store/store';
import { eventRow } from '../../../helpers/event-row';
import { useTempDir } from '../../../helpers/temp-dir';

const tmp = useTempDir();
const T = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();

const row = (id: string, over: Partial<EventRow> = {}): EventRow => eventRow(id, { updated: T(0), ...over });

const calendar = (id: string, color: string | null = null) => ({
  id,
  summary: id,
  timeZone: 'UTC',
  accessRole: 'owner',
  primary: false,
  color,
});

function open(opts: { armed?: boolean } = {}): Store {
  const store = Store.open(path.join(tmp(), 'c.db'));
  store.accounts.upsert({ id: 'acc', email: 'a@example.test', scopes: [], tokenIssuedAt: 0 }, 0);
  store.calendars.replaceForAccount('acc', [calendar('cal'), calendar('other')]);
  if (opts.armed !== false) store.outbox.arm('https://p.example#ws-1', 0);
  return store;
}

type Row = {
  calendar_id: string;
  event_id: string;
  account_id: string;
  op: string;
  version: string | null;
  rev: number;
  unsent: number;
};
const rows = (s: Store) =>
  s.db
    .prepare(
      'SELECT c.calendar_id, o.event_id, o.account_id, o.op, o.version, o.rev, o.unsent FROM outbox o JOIN outbox_calendars c ON c.no = o.calendar_no ORDER BY c.calendar_id, o.event_id',
    )
    .all() as Row[];
const ops = (s: Store) => rows(s).map((r) => `${r.calendar_id}/${r.event_id}:${r.op}`);
const drain = (s: Store, calendarId = 'cal') => s.outbox.ack(s.outbox.batch(calendarId, '', 10_000));

describe('outbox: nothing queued without a workspace', () => {
  it('writes no row while disarmed, and disarming drops what was queued', () => {
    const s = open({ armed: false });
    s.events.upsert('acc', 'cal', row('a'), null);
    s.events.upsert('acc', 'cal', row('a', { etag: '"2"', title: 'changed' }), null);
    s.events.insert('acc', 'cal', row('b'), 1);
    s.events.deleteCancelled('acc', 'cal', 'b');
    expect(s.outbox.count()).toBe(0);
    expect(s.outbox.state()).toBeNull();

    s.outbox.arm('https://p.example#ws-1', 5);
    s.events.upsert('acc', 'cal', row('c'), null);
    expect(s.outbox.count()).toBe(2); // the backfilled "a" and the new "c"
    expect(s.outbox.disarm()).toBe(2);
    s.events.upsert('acc', 'cal', row('d'), null);
    expect(s.outbox.count()).toBe(0);
    // No rule of the push lives in SQLite any more.
    expect(s.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger'").get()).toEqual({ n: 0 });
  });

  it('arming backfills the whole cache once per workspace; another workspace starts over', () => {
    const s = open({ armed: false });
    for (let i = 0; i < 50; i++) s.events.insert('acc', i % 2 ? 'cal' : 'other', row(`e${i}`), null);
    expect(s.outbox.arm('https://p.example#ws-1', 1)).toEqual({ changed: true, queued: 50 });
    expect(rows(s).every((r) => r.op === 'upsert' && r.unsent === 0)).toBe(true);
    drain(s, 'cal');
    expect(s.outbox.arm('https://p.example#ws-1', 2)).toEqual({ changed: false, queued: 0 });
    expect(s.outbox.count()).toBe(25);
    expect(s.outbox.arm('https://p.example#ws-2', 3)).toEqual({ changed: true, queued: 50 });
    expect(s.outbox.state()).toMatchObject({ target: 'https://p.example#ws-2', armedAt: 3, lastError: null });
  });
});

describe('outbox: every path by which the cache changes', () => {
  it('insert, update and the cancelled id (with its series) queue in the same transaction', () => {
    const s = open();
    s.events.upsert('acc', 'cal', row('a'), null);
    s.events.insert('acc', 'cal', row('s_1', { recurringEventId: 's', updated: T(3) }), 7);
    s.events.insert('acc', 'cal', row('s_2', { recurringEventId: 's', updated: T(4) }), 7);
    expect(ops(s)).toEqual(['cal/a:upsert', 'cal/s_1:upsert', 'cal/s_2:upsert']);
    drain(s);
    s.events.upsert('acc', 'cal', row('a', { etag: '"2"', title: 'renamed' }), null);
    expect(ops(s)).toEqual(['cal/a:upsert']);
    s.events.deleteCancelled('acc', 'cal', 's');
    expect(
      rows(s)
        .filter((r) => r.op === 'delete')
        .map((r) => [r.event_id, r.version]),
    ).toEqual([
      ['s_1', T(3)],
      ['s_2', T(4)],
    ]);
  });

  it('an unchanged row seen again by a full listing (only its generation moves) queues nothing', () => {
    const s = open();
    s.events.upsert('acc', 'cal', row('a'), 1);
    drain(s);
    expect(s.events.upsert('acc', 'cal', row('a'), 2)).toBe('unchanged');
    expect(s.outbox.count()).toBe(0);
  });

  it('the sweep after a full listing queues deletes at the last cached version', () => {
    const s = open();
    s.events.upsert('acc', 'cal', row('keep'), 1);
    s.events.upsert('acc', 'cal', row('gone', { updated: T(9) }), 1);
    drain(s);
    s.events.upsert('acc', 'cal', row('keep'), 2);
    expect(s.events.sweepUnseen('acc', 'cal', 2)).toBe(1);
    expect(rows(s)).toMatchObject([{ event_id: 'gone', op: 'delete', version: T(9) }]);
  });

  it('cascades: disabling a calendar, a calendar leaving the list, deleting the account', () => {
    const s = open();
    for (const cal of ['cal', 'other']) for (const id of ['x', 'y']) s.events.upsert('acc', cal, row(id), null);
    drain(s, 'cal');
    drain(s, 'other');
    s.calendars.setEnabled('acc', 'cal', false);
    expect(ops(s)).toEqual(['cal/x:delete', 'cal/y:delete']);
    drain(s);
    s.calendars.replaceForAccount('acc', [calendar('cal')]); // "other" is gone from the account's list
    expect(ops(s)).toEqual(['other/x:delete', 'other/y:delete']);
    drain(s, 'other');
    s.calendars.setEnabled('acc', 'cal', true);
    s.events.upsert('acc', 'cal', row('z'), null);
    drain(s);
    s.accounts.delete('acc');
    expect(ops(s)).toEqual(['cal/z:delete']);
  });

  it('a delete says its kind: "withdrawn" when the calendar is no longer synced here, "gone" when the event is', () => {
    const s = open();
    const kinds = (calendarId = 'cal') =>
      s.outbox
        .batch(calendarId, '', 100)
        .map((e) => `${e.eventId}:${e.op}${e.op === 'delete' ? (e.withdrawn ? ':withdrawn' : ':gone') : ''}`);
    for (const cal of ['cal', 'other']) for (const id of ['x', 'y']) s.events.upsert('acc', cal, row(id), 1);
    drain(s, 'cal');
    drain(s, 'other');
    s.events.deleteCancelled('acc', 'cal', 'x');
    s.events.upsert('acc', 'cal', row('y'), 2);
    expect(s.events.sweepUnseen('acc', 'other', 2)).toBe(2);
    expect(kinds()).toEqual(['x:delete:gone']);
    expect(kinds('other')).toEqual(['x:delete:gone', 'y:delete:gone']);
    drain(s, 'other');
    s.events.upsert('acc', 'other', row('z'), null);
    drain(s, 'other');

    // Disabled: withdrawn (the gone "x" queued before stays gone: the event is no longer cached).
    s.calendars.setEnabled('acc', 'cal', false);
    expect(kinds()).toEqual(['x:delete:gone', 'y:delete:withdrawn']);
    // Re-enabled and listed again: the upsert replaces the queued withdraw.
    s.calendars.setEnabled('acc', 'cal', true);
    s.events.upsert('acc', 'cal', row('y'), 3);
    expect(kinds()).toEqual(['x:delete:gone', 'y:upsert']);
    drain(s);
    // Gone from the account's list, or the account removed: withdrawn.
    s.calendars.replaceForAccount('acc', [calendar('cal')]);
    expect(kinds('other')).toEqual(['z:delete:withdrawn']);
    s.accounts.delete('acc');
    expect(kinds()).toEqual(['y:delete:withdrawn']);
  });

  it("a calendar's colour change re-queues its events (the workspace rows carry it)", () => {
    const s = open();
    s.events.upsert('acc', 'cal', row('a'), null);
    drain(s);
    s.calendars.replaceForAccount('acc', [calendar('cal'), calendar('other')]);
    expect(s.outbox.count()).toBe(0);
    s.calendars.replaceForAccount('acc', [calendar('cal', '#ff0000'), calendar('other')]);
    const [entry] = s.outbox.batch('cal', '', 10);
    expect(entry).toMatchObject({ eventId: 'a', op: 'upsert', color: '#ff0000' });
  });

  it('a cancellation that carries its own `updated` raises the delete version, never lowers it', () => {
    const s = open();
    s.events.upsert('acc', 'cal', row('a', { updated: T(5) }), null);
    drain(s);
    s.events.deleteCancelled('acc', 'cal', 'a', T(2));
    expect(rows(s)[0]?.version).toBe(T(5));
    s.events.deleteCancelled('acc', 'cal', 'a', T(8)); // the cancellation listed again, newer
    expect(rows(s)[0]?.version).toBe(T(8));
  });

  it('a calendar cached by two accounts is one key: it is deleted only when the last copy goes', () => {
    const s = open();
    s.accounts.upsert({ id: 'acc2', email: 'b@example.test', scopes: [], tokenIssuedAt: 0 }, 0);
    s.calendars.replaceForAccount('acc2', [calendar('cal')]);
    s.events.upsert('acc', 'cal', row('a'), null);
    drain(s);
    s.events.upsert('acc2', 'cal', row('a', { title: 'seen by acc2' }), null);
    expect(rows(s)).toMatchObject([{ event_id: 'a', op: 'upsert', account_id: 'acc2' }]);
    drain(s);
    s.accounts.delete('acc2');
    expect(rows(s)).toMatchObject([{ event_id: 'a', op: 'upsert', account_id: 'acc' }]);
    expect(s.outbox.batch('cal', '', 10)[0]?.event).toMatchObject({ accountId: 'acc', title: 'a' });
    drain(s);
    s.events.deleteCancelled('acc', 'cal', 'a');
    expect(ops(s)).toEqual(['cal/a:delete']);
  });

  it('a copy added after the key was sent, then both copies deleted: the deletion is still sent', () => {
    const s = open();
    s.accounts.upsert({ id: 'acc2', email: 'b@example.test', scopes: [], tokenIssuedAt: 0 }, 0);
    s.calendars.replaceForAccount('acc2', [calendar('cal')]);
    s.events.upsert('acc', 'cal', row('a'), null);
    drain(s); // sent through acc's copy
    s.events.upsert('acc2', 'cal', row('a'), null); // a new copy: new to acc2, not to the workspace
    s.events.deleteCancelled('acc', 'cal', 'a');
    s.events.deleteCancelled('acc2', 'cal', 'a');
    expect(ops(s)).toEqual(['cal/a:delete']);
  });

  it('deletions salvaged from a damaged cache are queued again, for calendars it may no longer have', () => {
    const s = open();
    s.outbox.requeueDeletes([{ calendar_id: 'gone@example.test', event_id: 'x', account_id: 'acc', version: T(4) }]);
    expect(rows(s)).toMatchObject([
      { calendar_id: 'gone@example.test', event_id: 'x', op: 'delete', version: T(4), unsent: 0 },
    ]);
    expect(s.outbox.calendars()).toEqual(['gone@example.test']);
    // Of the kind they were queued as.
    s.outbox.requeueDeletes([
      { calendar_id: 'gone@example.test', event_id: 'y', account_id: 'acc', version: T(4), withdrawn: 1 },
    ]);
    expect(s.outbox.batch('gone@example.test', '', 10).map((e) => e.withdrawn)).toEqual([false, true]);
  });
});

describe('outbox: compaction and the bound', () => {
  it('keeps one row per event with the latest operation; the revision grows with each change', () => {
    const s = open();
    s.events.upsert('acc', 'cal', row('a', { updated: T(1) }), null);
    s.outbox.markSending('cal', s.outbox.batch('cal', '', 10));
    for (let i = 2; i < 40; i++)
      s.events.upsert('acc', 'cal', row('a', { etag: `"${i}"`, updated: T(i), title: `v${i}` }), null);
    expect(rows(s)).toMatchObject([{ event_id: 'a', op: 'upsert', rev: 39 }]);
    expect(s.outbox.batch('cal', '', 10)[0]?.event?.title).toBe('v39');
    s.events.deleteCancelled('acc', 'cal', 'a');
    expect(rows(s)).toMatchObject([{ event_id: 'a', op: 'delete', version: T(39), rev: 40 }]);
  });

  it('an event created and deleted before the pusher picked it up leaves nothing; once sent, its delete is kept', () => {
    const s = open();
    s.events.upsert('acc', 'cal', row('brief'), null);
    s.events.deleteCancelled('acc', 'cal', 'brief');
    expect(s.outbox.count()).toBe(0);
    s.events.upsert('acc', 'cal', row('sent'), null);
    const batch = s.outbox.batch('cal', '', 10);
    s.outbox.markSending('cal', batch); // in flight: it may reach the workspace
    s.events.deleteCancelled('acc', 'cal', 'sent');
    expect(ops(s)).toEqual(['cal/sent:delete']);
  });

  it('an acknowledged batch leaves only the rows re-enqueued while it was in flight', () => {
    const s = open();
    for (const id of ['a', 'b', 'c']) s.events.upsert('acc', 'cal', row(id), null);
    const batch = s.outbox.batch('cal', '', 10);
    s.outbox.markSending('cal', batch);
    s.events.upsert('acc', 'cal', row('b', { etag: '"2"', title: 'b2' }), null);
    expect(s.outbox.ack(batch)).toBe(2);
    expect(ops(s)).toEqual(['cal/b:upsert']);
    s.outbox.fail(s.outbox.batch('cal', '', 10), 'boom');
    expect(s.db.prepare('SELECT attempts, last_error FROM outbox').get()).toEqual({ attempts: 1, last_error: 'boom' });
  });

  it('model check: at every step the outbox holds at most one row per key of (cache ∪ workspace ∪ keys raced in flight), and draining it makes the workspace equal the cache', () => {
    type Op = { kind: 'put' | 'del'; id: number } | { kind: 'push'; take: number; meddle: number | null };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constantFrom('put' as const, 'del' as const), id: fc.integer({ min: 0, max: 12 }) }),
      fc.record({
        kind: fc.constant('push' as const),
        take: fc.integer({ min: 1, max: 8 }),
        meddle: fc.option(fc.integer({ min: 0, max: 12 })),
      }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (steps) => {
        const s = open();
        const cache = new Map<string, string>();
        const workspace = new Map<string, string>(); // live rows only
        // Keys changed while a batch holding them was in flight: whether that batch reached the
        // workspace is unknown to the outbox, so it may keep one more row for them (a delete
        // the workspace already applied), which the next drain sends harmlessly.
        const raced = new Set<string>();
        let version = 0;
        const put = (id: string) => {
          version++;
          s.events.upsert(
            'acc',
            'cal',
            row(id, { etag: `"${version}"`, updated: T(version), title: `${id}@${version}` }),
            null,
          );
          cache.set(id, `${id}@${version}`);
        };
        const del = (id: string) => {
          s.events.deleteCancelled('acc', 'cal', id);
          cache.delete(id);
        };
        const send = (batch: OutboxEntry[]) => {
          for (const e of batch) {
            if (e.op === 'delete') workspace.delete(e.eventId);
            else if (e.event) workspace.set(e.eventId, e.event.title);
          }
        };
        for (const step of steps) {
          if (step.kind === 'push') {
            const batch = s.outbox.batch('cal', '', step.take);
            s.outbox.markSending('cal', batch);
            // A change lands while the batch is in flight.
            if (step.meddle !== null) {
              const m = `e${step.meddle}`;
              if (batch.some((e) => e.eventId === m)) raced.add(m);
              if (cache.has(m) && step.meddle % 2) del(m);
              else put(m);
            }
            send(batch);
            s.outbox.ack(batch);
          } else if (step.kind === 'put') put(`e${step.id}`);
          else if (cache.has(`e${step.id}`)) del(`e${step.id}`);
          const keys = new Set([...cache.keys(), ...workspace.keys(), ...raced]);
          expect(s.outbox.count()).toBeLessThanOrEqual(keys.size);
        }
        for (let batch = s.outbox.batch('cal', '', 5); batch.length; batch = s.outbox.batch('cal', '', 5)) {
          s.outbox.markSending('cal', batch);
          send(batch);
          s.outbox.ack(batch);
        }
        expect(workspace).toEqual(cache);
        s.close();
      }),
      { numRuns: 150 },
    );
  });
});
