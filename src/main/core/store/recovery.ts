// When the cache file is damaged (truncated, overwritten, bad pages), calsync
// moves it aside — never deletes it — starts a fresh cache, and copies over
// what is not derived from Google: accounts, the calendar choices, tasks,
// habits, proposals, settings kept in kv, and queued Supabase deletions; imported
// Google Tasks (with the user's edits), which of them the user dismissed and
// their status changes still to be written to Google;
// mirror rules and what they wrote.
// Events and sync tokens are not copied: the next sync lists every calendar in
// full and rebuilds them from Google; Google task lists lose their watermark,
// so the next import lists them in full too and brings back any task row a
// bad page took with it.
import Database, { type Database as Db } from 'better-sqlite3';
import { existsSync, renameSync } from 'node:fs';

export interface SalvageReport {
  backup: string;
  copied: Record<string, number>;
  lost: Record<string, string>;
}

/**
 * Columns copied per table; calendars lose their sync token on purpose (full
 * resync). `since`: tables that a cache older than that schema step does not
 * have (nothing to copy, nothing lost).
 */
const TABLES: Array<{ table: string; reset?: Record<string, null>; since?: number }> = [
  { table: 'accounts' },
  { table: 'calendars', reset: { sync_token: null, last_synced_at: null, full_listed_at: null, sweep_held_at: null } },
  { table: 'tasks' },
  // Before proposals: a habit's blocks need their habit (foreign key).
  { table: 'habits', since: 14 },
  { table: 'proposals' },
  { table: 'kv' },
  { table: 'google_task_lists', reset: { watermark: null, full_listed_at: null }, since: 5 },
  { table: 'google_tasks_dismissed', since: 5 },
  // Status changes of imported tasks not yet written to Google Tasks (after tasks: foreign key).
  { table: 'google_task_writes', since: 15 },
  // Busy mirroring: the rules and what each wrote at Google (not derivable: the deterministic ids need the rule).
  { table: 'mirror_rules', since: 12 },
  { table: 'mirror_events', since: 12 },
];

export function moveAside(file: string, now: number): string {
  const backup = `${file}.damaged-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
  renameSync(file, backup);
  for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, backup + suffix);
  return backup;
}

export function salvage(backup: string, fresh: Db, opts: { nativeBinding?: string } = {}): SalvageReport {
  const report: SalvageReport = { backup, copied: {}, lost: {} };
  let old: Db;
  try {
    old = new Database(backup, {
      readonly: true,
      fileMustExist: true,
      ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    });
  } catch (e) {
    for (const { table } of TABLES) report.lost[table] = (e as Error).message;
    return report;
  }
  try {
    for (const spec of TABLES) copyTable(old, fresh, spec, report);
    copyQueuedDeletes(old, fresh, report);
  } finally {
    old.close();
  }
  return report;
}

function freshColumns(db: Db, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
}

function hasTable(db: Db, table: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
}

function copyTable(old: Db, fresh: Db, spec: (typeof TABLES)[number], report: SalvageReport): void {
  const columns = freshColumns(fresh, spec.table);
  let copied = 0;
  try {
    if (spec.since !== undefined && !hasTable(old, spec.table)) return;
    const oldColumns = new Set(freshColumns(old, spec.table));
    const shared = columns.filter((c) => oldColumns.has(c));
    const insert = fresh.prepare(
      `INSERT OR IGNORE INTO ${spec.table} (${shared.join(', ')}) VALUES (${shared.map(() => '?').join(', ')})`,
    );
    // Rows are read one by one: a bad page part-way keeps what came before it.
    for (const row of old.prepare(`SELECT ${shared.join(', ')} FROM ${spec.table}`).iterate() as IterableIterator<
      Record<string, unknown>
    >) {
      const values = shared.map((c) => (spec.reset && c in spec.reset ? null : row[c]));
      if (insert.run(...values).changes) copied++;
    }
  } catch (e) {
    report.lost[spec.table] = (e as Error).message;
  }
  report.copied[spec.table] = copied;
}

/**
 * A queued deletion is the one pending change the resync cannot recreate (the
 * event is gone from Google): keep it. Queued upserts come back with the
 * rebuilt events.
 */
function copyQueuedDeletes(old: Db, fresh: Db, report: SalvageReport): void {
  try {
    const state = old.prepare('SELECT target FROM outbox_state WHERE id = 1').get() as { target: string } | undefined;
    if (!state) return;
    // Schema step 6 added the kind of a delete; an older damaged cache has none ("gone").
    const hasKind = (
      old.prepare('SELECT name FROM pragma_table_info(?)').all('outbox') as Array<{ name: string }>
    ).some((c) => c.name === 'withdrawn');
    const rows = old
      .prepare(
        `SELECT c.calendar_id, o.event_id, o.account_id, o.version${hasKind ? ', o.withdrawn' : ''} FROM outbox o JOIN outbox_calendars c ON c.no = o.calendar_no WHERE o.op = 'delete'`,
      )
      .all() as Array<{
      calendar_id: string;
      event_id: string;
      account_id: string;
      version: string | null;
      withdrawn?: number;
    }>;
    report.copied.outbox_state = 1;
    report.copied.outbox = rows.length;
    fresh
      .prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run('recovery.outbox', JSON.stringify({ target: state.target, deletes: rows }));
  } catch (e) {
    report.lost.outbox = (e as Error).message;
  }
}
