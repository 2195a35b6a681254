// Schema step 11 (store/outbox-tables-schema.ts) on caches shaped as calsync
// left them before it: the outbox's triggers installed (connected) or the
// departed trigger installed (disconnected), queued rows of every kind, and
// the push's state as JSON in `kv`. Nothing queued may be lost, and the state
// must read the same from the new tables.
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../../../src/main/core/store/migrations';
import { Store } from '../../../../src/main/core/store/store';
import { eventRow } from '../../../helpers/event-row';
import { useTempDir } from '../../../helpers/temp-dir';

const tmp = useTempDir();
const WS = 'https://p.example#ws-1';

// The triggers as schema steps 3 and 6 installed them (abridged to what a
// migration has to notice: that they exist, and their names).
const OLD_TRIGGERS = [
  `CREATE TRIGGER calendars_outbox_insert AFTER INSERT ON calendars BEGIN INSERT OR IGNORE INTO outbox_calendars (calendar_id) VALUES (NEW.id); END`,
  `CREATE TRIGGER events_outbox_insert AFTER INSERT ON events BEGIN
     INSERT INTO outbox (calendar_no, event_id, account_id, op, version, unsent)
     VALUES ((SELECT no FROM outbox_calendars WHERE calendar_id = NEW.calendar_id), NEW.id, NEW.account_id, 'upsert', NULL, 1)
     ON CONFLICT (calendar_no, event_id) DO UPDATE SET op = 'upsert', version = NULL, rev = outbox.rev + 1; END`,
  `CREATE TRIGGER events_outbox_update AFTER UPDATE OF title ON events BEGIN SELECT 1; END`,
  `CREATE TRIGGER events_outbox_delete AFTER DELETE ON events BEGIN
     INSERT INTO outbox (calendar_no, event_id, account_id, op, version, unsent, withdrawn)
     VALUES ((SELECT no FROM outbox_calendars WHERE calendar_id = OLD.calendar_id), OLD.id, OLD.account_id, 'delete', OLD.updated, 0, 0)
     ON CONFLICT (calendar_no, event_id) DO UPDATE SET op = 'delete', version = excluded.version, rev = outbox.rev + 1; END`,
  `CREATE TRIGGER calendars_outbox_color AFTER UPDATE OF color ON calendars BEGIN SELECT 1; END`,
];
const OLD_DEPARTED = `CREATE TRIGGER calendars_departed AFTER DELETE ON calendars WHEN NOT EXISTS (SELECT 1 FROM calendars WHERE id = OLD.id)
  BEGIN INSERT OR IGNORE INTO kv (key, value) VALUES ('supabase.departed:' || OLD.id, 1); END`;

type Queued = {
  calendar_id: string;
  event_id: string;
  account_id: string;
  op: string;
  version: string | null;
  withdrawn: number;
  rev: number;
  unsent: number;
  attempts: number;
};
const queued = (db: Database.Database) =>
  db
    .prepare(
      `SELECT c.calendar_id, o.event_id, o.account_id, o.op, o.version, o.withdrawn, o.rev, o.unsent, o.attempts
       FROM outbox o JOIN outbox_calendars c ON c.no = o.calendar_no ORDER BY 1, 2`,
    )
    .all() as Queued[];

/** A cache at schema step 10, written the way the trigger-based build wrote it. */
function oldCache(file: string, connected: boolean): Queued[] {
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    migrations.filter((m) => m.version <= 10),
  );
  expect(db.pragma('user_version', { simple: true })).toBe(10);
  db.prepare("INSERT INTO accounts (id, email, created_at, updated_at) VALUES ('acc', 'a@example.test', 0, 0)").run();
  for (const cal of ['cal', 'other']) {
    db.prepare(
      "INSERT INTO calendars (account_id, id, summary, access_role, sync_token) VALUES ('acc', ?, ?, 'owner', 'tok')",
    ).run(cal, cal);
  }
  if (connected) {
    db.prepare('INSERT INTO outbox_state (id, target, armed_at, logged_run_id) VALUES (1, ?, 0, 0)').run(WS);
    db.prepare("INSERT INTO outbox_calendars (calendar_id) VALUES ('cal'), ('other'), ('left@example.test')").run();
    for (const sql of OLD_TRIGGERS) db.exec(sql);
    const insert = db.prepare(
      `INSERT INTO events (account_id, calendar_id, id, status, title, all_day, transparency, event_type, updated, etag)
       VALUES ('acc', ?, ?, 'confirmed', ?, 0, 'opaque', 'default', '2026-01-01T00:00:00.000Z', '"1"')`,
    );
    for (let i = 0; i < 40; i++) insert.run(i % 2 ? 'cal' : 'other', `e${i}`, `event ${i}`);
    db.prepare("DELETE FROM events WHERE id IN ('e1', 'e2')").run(); // queued deletes (sent before: unsent = 0)
    db.prepare("UPDATE outbox SET unsent = 0 WHERE event_id IN ('e1', 'e2', 'e3')").run(); // picked up by a push: the workspace may know them
    db.prepare("UPDATE outbox SET withdrawn = 1 WHERE event_id = 'e2'").run();
    db.prepare("UPDATE outbox SET attempts = 3, last_error = 'boom' WHERE event_id = 'e5'").run();
    // A salvaged delete of a calendar the cache no longer has.
    db.prepare(
      `INSERT INTO outbox (calendar_no, event_id, account_id, op, version, withdrawn) VALUES ((SELECT no FROM outbox_calendars WHERE calendar_id = 'left@example.test'), 'x', 'acc', 'delete', '2026-01-02T00:00:00Z', 1)`,
    ).run();
    db.prepare("INSERT INTO kv (key, value) VALUES ('supabase.reconcile', ?)").run(
      JSON.stringify({ target: WS, calendars: { cal: 0, other: 1_700_000_000_000 } }),
    );
    db.prepare("INSERT INTO kv (key, value) VALUES ('supabase.withdrawals-seen', ?)").run(
      JSON.stringify({ target: WS, seen: { cal: '3@dev', other: '1@dev' } }),
    );
  } else {
    db.exec(OLD_DEPARTED);
    db.prepare("INSERT INTO kv (key, value) VALUES ('supabase.departed:gone@example.test', '1700000000000')").run();
    db.prepare("INSERT INTO kv (key, value) VALUES ('supabase.reconcile', ?)").run(
      JSON.stringify({ target: WS, calendars: null }),
    );
  }
  db.prepare("INSERT INTO kv (key, value) VALUES ('supabase.device-id', 'dev-1')").run();
  const before = queued(db);
  db.close();
  return before;
}

const triggers = (s: Store) => s.db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all();
const pushKv = (s: Store) =>
  s.db.prepare("SELECT key FROM kv WHERE key LIKE 'supabase.%' AND key <> 'supabase.device-id' ORDER BY key").all();

describe('schema step 11: the push leaves the triggers and kv', () => {
  it('a connected cache keeps every queued row as it was, and its reconcile and withdrawal marks move into tables', () => {
    const file = path.join(tmp(), 'c.db');
    const before = oldCache(file, true);
    expect(before).toHaveLength(41);
    const s = Store.open(file);
    expect(s.db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    expect(triggers(s)).toEqual([]);
    expect(queued(s.db)).toEqual(before);
    expect(s.db.prepare("SELECT last_error FROM outbox o WHERE event_id = 'e5'").get()).toEqual({ last_error: 'boom' });
    expect(pushKv(s)).toEqual([]);
    expect(s.kv.get('supabase.device-id')).toBe('dev-1'); // not the push's: stays
    expect(s.db.prepare('SELECT target, listed FROM outbox_reconcile_state').all()).toEqual([
      { target: WS, listed: 1 },
    ]);
    expect(s.db.prepare('SELECT calendar_id, tried_at FROM outbox_reconcile ORDER BY 1').all()).toEqual([
      { calendar_id: 'cal', tried_at: 0 },
      { calendar_id: 'other', tried_at: 1_700_000_000_000 },
    ]);
    expect(s.db.prepare('SELECT calendar_id, target, mark FROM outbox_withdrawals_seen ORDER BY 1').all()).toEqual([
      { calendar_id: 'cal', target: WS, mark: '3@dev' },
      { calendar_id: 'other', target: WS, mark: '1@dev' },
    ]);
    expect(s.db.prepare('SELECT count(*) AS n FROM outbox_disconnected').get()).toEqual({ n: 0 });
    // Still connected: the repositories queue from here on, on top of what was there.
    expect(s.outbox.arm(WS, 1)).toEqual({ changed: false, queued: 0 });
    s.events.upsert('acc', 'cal', eventRow('new', { updated: '2026-01-03T00:00:00Z' }), null);
    s.events.deleteCancelled('acc', 'cal', 'e3');
    const after = queued(s.db);
    expect(after).toHaveLength(42);
    expect(after.find((r) => r.event_id === 'new')).toMatchObject({ op: 'upsert', unsent: 1, rev: 1 });
    expect(after.find((r) => r.event_id === 'e3')).toMatchObject({
      op: 'delete',
      version: '2026-01-01T00:00:00.000Z',
      rev: 2,
    });
    s.close();
  });

  it('a disconnected cache keeps its departed calendars and goes on remembering the ones that leave', () => {
    const file = path.join(tmp(), 'c.db');
    oldCache(file, false);
    const s = Store.open(file);
    expect(triggers(s)).toEqual([]);
    expect(pushKv(s)).toEqual([]);
    expect(s.db.prepare('SELECT calendar_id, departed_at FROM outbox_departed').all()).toEqual([
      { calendar_id: 'gone@example.test', departed_at: 1_700_000_000_000 },
    ]);
    expect(s.db.prepare('SELECT target, listed FROM outbox_reconcile_state').all()).toEqual([
      { target: WS, listed: 0 },
    ]);
    expect(s.db.prepare('SELECT count(*) AS n FROM outbox_disconnected').get()).toEqual({ n: 1 });
    s.calendars.replaceForAccount('acc', [
      { id: 'cal', summary: 'cal', timeZone: 'UTC', accessRole: 'owner', primary: false, color: null },
    ]);
    expect(s.db.prepare('SELECT calendar_id FROM outbox_departed ORDER BY 1').all()).toEqual([
      { calendar_id: 'gone@example.test' },
      { calendar_id: 'other' },
    ]);
    expect(s.outbox.count()).toBe(0);
    s.close();
  });

  it('a cache that never connected stays quiet: nothing remembered, nothing queued', () => {
    const file = path.join(tmp(), 'c.db');
    const db = new Database(file);
    migrate(
      db,
      migrations.filter((m) => m.version <= 10),
    );
    db.close();
    const s = Store.open(file);
    s.accounts.upsert({ id: 'acc', email: 'a@example.test', scopes: [], tokenIssuedAt: 0 }, 0);
    s.calendars.replaceForAccount('acc', [
      { id: 'cal', summary: 'cal', timeZone: 'UTC', accessRole: 'owner', primary: false, color: null },
    ]);
    s.events.upsert('acc', 'cal', eventRow('a'), null);
    s.accounts.delete('acc');
    expect(
      s.db.prepare('SELECT (SELECT count(*) FROM outbox) + (SELECT count(*) FROM outbox_departed) AS n').get(),
    ).toEqual({ n: 0 });
    s.close();
  });
});
