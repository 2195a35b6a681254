// Schema step 11: the push's rules leave SQLite. The outbox's triggers (steps
// 3 and 6, installed while a workspace was connected) and the trigger that
// remembered departing calendars while disconnected are dropped: the
// repositories now write the outbox rows in TypeScript (outbox-writer.ts).
// The push's bookkeeping kept as JSON in `kv` moves into tables:
//   supabase.reconcile          → outbox_reconcile_state + outbox_reconcile
//   supabase.departed:<id>      → outbox_departed
//   supabase.withdrawals-seen   → outbox_withdrawals_seen
//   the departed trigger itself → outbox_disconnected ("was connected, is not")
// Queued rows stay where they are: the outbox table does not change.
import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations';

/** Every trigger the push ever installed (steps 3, 6 and the departed one). */
export const RETIRED_TRIGGERS = [
  'calendars_outbox_insert',
  'events_outbox_insert',
  'events_outbox_update',
  'events_outbox_delete',
  'calendars_outbox_color',
  'calendars_departed',
];

const DEPARTED = 'supabase.departed:';

export const outboxTablesMigration: Migration = {
  version: 11,
  name: 'outbox rules in TypeScript: triggers dropped, push state out of kv into tables',
  sql: `
    -- Present while no workspace is connected but one was: departing calendars are then remembered.
    CREATE TABLE outbox_disconnected (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      since INTEGER NOT NULL
    );
    -- Calendars that left the cache while disconnected (no copy left).
    CREATE TABLE outbox_departed (
      calendar_id TEXT PRIMARY KEY,
      departed_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    -- A reconcile pending for \`target\`. listed = 0: every calendar, not listed into outbox_reconcile yet.
    CREATE TABLE outbox_reconcile_state (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      target TEXT NOT NULL,
      listed INTEGER NOT NULL DEFAULT 0
    );
    -- The calendars still to compare, with the listing start of the last attempt (0 = none).
    CREATE TABLE outbox_reconcile (
      calendar_id TEXT PRIMARY KEY,
      tried_at INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID;
    -- The workspace's withdrawal marks this device last saw, per calendar, for \`target\`.
    CREATE TABLE outbox_withdrawals_seen (
      calendar_id TEXT PRIMARY KEY,
      target TEXT NOT NULL,
      mark TEXT NOT NULL
    ) WITHOUT ROWID;
  `,
  after: (db) => {
    const installed = (name: string) =>
      db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?").get(name) !== undefined;
    if (installed('calendars_departed')) {
      db.prepare(
        "INSERT INTO outbox_disconnected (id, since) VALUES (1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))",
      ).run();
    }
    for (const name of RETIRED_TRIGGERS) db.exec(`DROP TRIGGER IF EXISTS ${name}`);
    moveReconcile(db);
    moveDeparted(db);
    moveWithdrawalsSeen(db);
  },
};

function kvJson(db: Database, key: string): unknown {
  const row = db.prepare('SELECT value FROM kv WHERE key = ?').get(key) as { value: string } | undefined;
  db.prepare('DELETE FROM kv WHERE key = ?').run(key);
  if (!row) return null;
  try {
    return JSON.parse(row.value) as unknown;
  } catch {
    return null; // a damaged note only ever cost a reconcile or a redundant re-send, as it did before
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function moveReconcile(db: Database): void {
  const v = kvJson(db, 'supabase.reconcile');
  if (!isRecord(v) || typeof v.target !== 'string') return;
  const calendars = isRecord(v.calendars) ? v.calendars : null;
  db.prepare('INSERT INTO outbox_reconcile_state (id, target, listed) VALUES (1, ?, ?)').run(
    v.target,
    calendars ? 1 : 0,
  );
  const put = db.prepare('INSERT INTO outbox_reconcile (calendar_id, tried_at) VALUES (?, ?)');
  for (const [id, tried] of Object.entries(calendars ?? {}))
    put.run(id, typeof tried === 'number' && Number.isFinite(tried) ? Math.trunc(tried) : 0);
}

function moveDeparted(db: Database): void {
  const rows = db
    .prepare(`SELECT key, value FROM kv WHERE key >= '${DEPARTED}' AND key < '${DEPARTED.slice(0, -1)};'`)
    .all() as Array<{ key: string; value: string }>;
  const put = db.prepare('INSERT OR IGNORE INTO outbox_departed (calendar_id, departed_at) VALUES (?, ?)');
  for (const r of rows) put.run(r.key.slice(DEPARTED.length), Number.parseInt(r.value, 10) || 0);
  db.prepare(`DELETE FROM kv WHERE key >= '${DEPARTED}' AND key < '${DEPARTED.slice(0, -1)};'`).run();
}

function moveWithdrawalsSeen(db: Database): void {
  const v = kvJson(db, 'supabase.withdrawals-seen');
  if (!isRecord(v) || typeof v.target !== 'string' || !isRecord(v.seen)) return;
  const put = db.prepare('INSERT INTO outbox_withdrawals_seen (calendar_id, target, mark) VALUES (?, ?, ?)');
  for (const [id, mark] of Object.entries(v.seen)) if (typeof mark === 'string') put.run(id, v.target, mark);
}
