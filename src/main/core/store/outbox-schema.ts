// Schema step 3: the transactional outbox for the Supabase push (DESIGN.md §4),
// and step 6, the kind of a queued delete. Until step 11 the rows were written
// by triggers on `events` installed while a workspace was connected; now the
// repositories write them (outbox-writer.ts, rules in outbox-rules.ts) and
// step 11 (outbox-tables-schema.ts) drops whatever triggers a cache still has.
//
// One row per (calendar, event) — the workspace's key within a workspace —
// holding the latest operation only; `rev` grows on every re-enqueue;
// `unsent` marks a key this device has not sent since it appeared in the
// cache. Upserts carry no payload: the pusher reads the cached row as it is
// at push time.
import type { Migration } from './migrations';

export const outboxMigration: Migration = {
  version: 3,
  name: 'outbox for the Supabase push (its triggers are installed while a workspace is configured)',
  sql: `
    CREATE TABLE outbox_state (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      -- "<supabase url>#<workspace id>": the workspace the queued changes are for
      target TEXT NOT NULL,
      armed_at INTEGER NOT NULL,
      -- sync runs up to this id are in the workspace's run log
      logged_run_id INTEGER NOT NULL DEFAULT 0,
      last_push_at INTEGER,
      last_error TEXT
    );
    CREATE TABLE outbox_calendars (
      no INTEGER PRIMARY KEY,
      calendar_id TEXT NOT NULL UNIQUE
    );
    CREATE TABLE outbox (
      calendar_no INTEGER NOT NULL,
      event_id TEXT NOT NULL,
      -- which cached copy to read (a calendar shared by two accounts is cached twice, pushed once)
      account_id TEXT NOT NULL,
      op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
      -- deletes: the version the tombstone is about (the last cached \`updated\`, or the cancellation's)
      version TEXT,
      rev INTEGER NOT NULL DEFAULT 1,
      unsent INTEGER NOT NULL DEFAULT 0,
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      PRIMARY KEY (calendar_no, event_id)
    ) WITHOUT ROWID;
  `,
};

/**
 * Schema step 6: the kind of a queued delete. `withdrawn` = 1: this device
 * stopped syncing the event's calendar (disabled, unsubscribed, account
 * removed; or the reconcile's "no longer synced" rule), sent as a delete the
 * workspace may revive with an upsert of the same version and that hides only
 * rows this device pushed last. 0: the event is gone at Google (the
 * tombstone holds against equal versions). Meaningful for deletes only.
 * (It also replaced the delete trigger of an armed cache; step 11 drops that
 * trigger, so the replacement is no longer made.)
 */
export const outboxWithdrawnMigration: Migration = {
  version: 6,
  name: 'outbox: withdrawn deletes (a calendar no longer synced) apart from deletions at Google',
  sql: `ALTER TABLE outbox ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0;`,
};
