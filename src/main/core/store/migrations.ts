// Versioned schema, applied in order inside one transaction each. PRAGMA
// user_version records how far a database has come; never edit a shipped step,
// add a new one.
import type { Database } from 'better-sqlite3';
import { busyCalendarsMigration } from './busy-calendars-schema';
import { fullListingMigration } from './full-listing-schema';
import { googleTaskWritesMigration } from './google-task-writes-schema';
import { googleTasksMigration } from './google-tasks-schema';
import { habitsMigration } from './habits-schema';
import { leaseOwnerMigration } from './lease-owner-schema';
import { mirrorGuardMigration } from './mirror-guard-schema';
import { mirrorMigration } from './mirror-schema';
import { outboxQuarantineMigration } from './outbox-quarantine-schema';
import { outboxMigration, outboxWithdrawnMigration } from './outbox-schema';
import { outboxTablesMigration } from './outbox-tables-schema';
import { plannerMigration } from './planner-schema';
import { weekIndexMigration } from './week-index-schema';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Runs after `sql`, in the same transaction (for what plain SQL cannot decide). */
  after?: (db: Database) => void;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'accounts, calendars, events, runs, locks, kv',
    sql: `
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'needs-login', 'revoked')),
        status_reason TEXT,
        scopes TEXT NOT NULL DEFAULT '',
        token_issued_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE calendars (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        summary TEXT NOT NULL,
        time_zone TEXT,
        access_role TEXT NOT NULL,
        is_primary INTEGER NOT NULL DEFAULT 0,
        color TEXT,
        enabled INTEGER NOT NULL DEFAULT 1,
        sync_token TEXT,
        last_synced_at INTEGER,
        last_error TEXT,
        PRIMARY KEY (account_id, id)
      );
      CREATE TABLE events (
        account_id TEXT NOT NULL,
        calendar_id TEXT NOT NULL,
        id TEXT NOT NULL,
        ical_uid TEXT,
        recurring_event_id TEXT,
        original_start TEXT,
        status TEXT NOT NULL,
        title TEXT NOT NULL,
        description TEXT,
        location TEXT,
        all_day INTEGER NOT NULL,
        start_ms INTEGER,
        end_ms INTEGER,
        start_date TEXT,
        end_date TEXT,
        time_zone TEXT,
        transparency TEXT NOT NULL,
        event_type TEXT NOT NULL,
        self_response TEXT,
        updated TEXT,
        etag TEXT,
        calsync_task_id TEXT,
        calsync_proposal_id TEXT,
        color_id TEXT,
        -- The full sync that last saw this row; rows a finished full sync did not see are gone on the server.
        full_sync_gen INTEGER,
        PRIMARY KEY (account_id, calendar_id, id),
        FOREIGN KEY (account_id, calendar_id) REFERENCES calendars(account_id, id) ON DELETE CASCADE
      );
      CREATE INDEX events_series ON events(account_id, calendar_id, recurring_event_id) WHERE recurring_event_id IS NOT NULL;
      CREATE INDEX events_start ON events(start_ms) WHERE start_ms IS NOT NULL;
      CREATE INDEX events_start_date ON events(start_date) WHERE start_date IS NOT NULL;
      CREATE TABLE sync_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        trigger TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'skipped', 'interrupted')),
        owner TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        heartbeat_at INTEGER NOT NULL,
        ended_at INTEGER,
        error TEXT,
        api_calls INTEGER NOT NULL DEFAULT 0,
        retries INTEGER NOT NULL DEFAULT 0,
        pages INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX sync_runs_running ON sync_runs(heartbeat_at) WHERE status = 'running';
      CREATE TABLE sync_run_calendars (
        run_id INTEGER NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
        account_id TEXT NOT NULL,
        calendar_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        inserted INTEGER NOT NULL DEFAULT 0,
        updated INTEGER NOT NULL DEFAULT 0,
        deleted INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0,
        pages INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        PRIMARY KEY (run_id, account_id, calendar_id)
      );
      CREATE TABLE locks (
        name TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        run_id INTEGER,
        acquired_at INTEGER NOT NULL,
        heartbeat_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE TABLE kv (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'when an account sign-in stops working (time-limited refresh tokens)',
    sql: `ALTER TABLE accounts ADD COLUMN refresh_expires_at INTEGER;`,
  },
  outboxMigration,
  plannerMigration,
  googleTasksMigration,
  outboxWithdrawnMigration,
  busyCalendarsMigration,
  leaseOwnerMigration,
  fullListingMigration,
  outboxQuarantineMigration,
  outboxTablesMigration,
  mirrorMigration,
  weekIndexMigration,
  habitsMigration,
  googleTaskWritesMigration,
  mirrorGuardMigration,
];

export function migrate(db: Database, steps: Migration[] = migrations): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = steps.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(
      `the cache was written by a newer calsync (schema ${current}, this build knows ${latest}); update calsync`,
    );
  }
  for (const step of steps) {
    if (step.version <= current) continue;
    db.transaction(() => {
      db.exec(step.sql);
      step.after?.(db);
      db.pragma(`user_version = ${step.version}`);
    }).immediate();
  }
  return latest;
}
