import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../../../src/main/core/store/migrations';
import { Store } from '../../../../src/main/core/store/store';
import { eventRow } from '../../../helpers/event-row';
import { useTempDir } from '../../../helpers/temp-dir';

const tmp = useTempDir();

function seeded(): Store {
  const store = Store.open(path.join(tmp(), 'c.db'));
  store.accounts.upsert({ id: 'acc', email: 'a@example.test', scopes: [], tokenIssuedAt: 0 }, 0);
  store.calendars.replaceForAccount('acc', [
    { id: 'cal', summary: 'Work', timeZone: 'UTC', accessRole: 'owner', primary: true, color: null },
  ]);
  return store;
}

const row = eventRow;

describe('events repo', () => {
  it('tells inserts, updates and unchanged rows apart', () => {
    const s = seeded();
    expect(s.events.upsert('acc', 'cal', row('e1'), null)).toBe('inserted');
    expect(s.events.upsert('acc', 'cal', row('e1'), null)).toBe('unchanged');
    expect(s.events.upsert('acc', 'cal', row('e1', { etag: '"2"', title: 'new' }), null)).toBe('updated');
    expect(s.events.list()[0]).toMatchObject({ id: 'e1', title: 'new', account: 'a@example.test' });
  });

  it('a cancelled series id removes the series and its instances', () => {
    const s = seeded();
    s.events.upsert('acc', 'cal', row('s_1', { recurringEventId: 's' }), null);
    s.events.upsert('acc', 'cal', row('s_2', { recurringEventId: 's' }), null);
    s.events.upsert('acc', 'cal', row('other'), null);
    expect(s.events.deleteCancelled('acc', 'cal', 's')).toBe(2);
    expect(s.events.list().map((e) => e.id)).toEqual(['other']);
  });

  it('the sweep after a full listing removes exactly the rows it did not see', () => {
    const s = seeded();
    for (const id of ['a', 'b', 'c']) s.events.upsert('acc', 'cal', row(id), 1);
    s.events.upsert('acc', 'cal', row('a'), 2); // unchanged but seen
    s.events.upsert('acc', 'cal', row('c', { etag: '"9"' }), 2);
    expect(s.events.sweepUnseen('acc', 'cal', 2)).toBe(1);
    expect(
      s.events
        .list()
        .map((e) => e.id)
        .sort(),
    ).toEqual(['a', 'c']);
  });

  it('filters by time range, keeping all-day events by date', () => {
    const s = seeded();
    s.events.upsert(
      'acc',
      'cal',
      row('early', { startMs: Date.parse('2026-01-01T10:00:00Z'), endMs: Date.parse('2026-01-01T11:00:00Z') }),
      null,
    );
    s.events.upsert(
      'acc',
      'cal',
      row('late', { startMs: Date.parse('2026-02-01T10:00:00Z'), endMs: Date.parse('2026-02-01T11:00:00Z') }),
      null,
    );
    s.events.upsert(
      'acc',
      'cal',
      row('day', { allDay: true, startMs: null, endMs: null, startDate: '2026-02-01', endDate: '2026-02-02' }),
      null,
    );
    const got = s.events.list({ fromMs: Date.parse('2026-01-15T00:00:00Z'), toMs: Date.parse('2026-03-01T00:00:00Z') });
    expect(got.map((e) => e.id).sort()).toEqual(['day', 'late']);
    expect(got.find((e) => e.id === 'day')).toMatchObject({
      allDay: true,
      start: null,
      startDate: '2026-02-01',
      endDate: '2026-02-02',
    });
  });

  it('disabling a calendar drops its events and its sync token', () => {
    const s = seeded();
    s.events.upsert('acc', 'cal', row('x'), null);
    s.calendars.setSyncToken('acc', 'cal', 'tok', 1);
    s.calendars.setEnabled('acc', 'cal', false);
    expect(s.events.count()).toBe(0);
    expect(s.calendars.get('acc', 'cal')).toMatchObject({ enabled: false, syncToken: null });
  });
});

describe('locks', () => {
  it('one holder at a time; an expired lease is taken over in one statement', () => {
    const s = seeded();
    expect(s.locks.tryAcquire('sync:acc', 'p1', 1, 1_000, 500)).toBe(true);
    expect(s.locks.tryAcquire('sync:acc', 'p2', 2, 1_200, 500)).toBe(false);
    expect(s.locks.heartbeat('sync:acc', 'p1', 1_400, 500)).toBe(true); // now expires at 1900
    expect(s.locks.tryAcquire('sync:acc', 'p2', 2, 1_800, 500)).toBe(false);
    expect(s.locks.tryAcquire('sync:acc', 'p2', 2, 1_900, 500)).toBe(true);
    expect(s.locks.heartbeat('sync:acc', 'p1', 1_950, 500)).toBe(false); // p1 lost it
    s.locks.release('sync:acc', 'p1'); // a loser's release must not free the winner's lease
    expect(s.locks.holders(2_000)).toMatchObject([{ owner: 'p2' }]);
  });

  it('two connections racing for the lock: exactly one wins', () => {
    const file = path.join(tmp(), 'race.db');
    const a = Store.open(file);
    const b = Store.open(file);
    const wins = [a.locks.tryAcquire('l', 'A', null, 10, 1_000), b.locks.tryAcquire('l', 'B', null, 10, 1_000)];
    expect(wins.filter(Boolean)).toHaveLength(1);
  });
});

describe('runs', () => {
  it('marks runs whose process stopped beating as interrupted', () => {
    const s = seeded();
    const dead = s.runs.create({ trigger: 'cli', kind: 'full', owner: 'x' }, 1_000);
    s.runs.startCalendar(dead, 'acc', 'cal', 'full');
    const alive = s.runs.create({ trigger: 'cli', kind: 'full', owner: 'y' }, 1_000);
    s.runs.heartbeat(alive, 5_000);
    expect(s.runs.sweepInterrupted(5_500, 2_000)).toBe(1);
    expect(s.runs.get(dead)).toMatchObject({ status: 'interrupted', calendars: [{ status: 'interrupted' }] });
    expect(s.runs.get(alive)).toMatchObject({ status: 'running' });
  });
});

describe('migrations', () => {
  it('records the schema version and refuses a cache from a newer calsync', () => {
    const file = path.join(tmp(), 'm.db');
    Store.open(file).close();
    const db = new Database(file);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    db.pragma('user_version = 999');
    expect(() => migrate(db)).toThrow(/newer calsync/);
  });
});
