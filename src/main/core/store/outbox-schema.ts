// Schema step 3: the transactional outbox for the Supabase push (DESIGN.md §4).
//
// Triggers on `events` enqueue every change in the transaction that makes it,
// whichever path it takes: a page write, the sweep after a full listing, a
// cancelled id, and the FK cascades of disabling or removing a calendar or
// deleting an account (SQLite fires row triggers for cascaded deletes too).
// The triggers exist only while a Supabase workspace is configured: arming
// installs them (and backfills the whole cache), disarming drops them, so a
// cache that pushes nowhere pays nothing per write (a trigger guarded by a
// WHEN clause still cost ~10–20% of a full sync's writes).
//
// Compaction: one row per (calendar, event) — the workspace's key within a
// workspace — holding the latest operation only; `rev` grows on every
// re-enqueue so the pusher deletes a row after a successful send only if it
// was not changed meanwhile. `unsent` marks a key this device has not sent
// since it appeared in the cache: deleting such an event before the pusher
// ever picked it up leaves no row at all. Upserts carry no payload: the pusher
// reads the cached row as it is at push time. A delete carries its kind
// (schema step 6, below): "withdrawn" when this device stopped syncing the
// calendar, "gone" when the event is gone at Google.
//
// Keys are (calendar number, event id): Google calendar ids run to 60+
// characters, and a random-order insert into a b-tree of long keys is most of
// what queuing a row costs (about a third as much with the short key).
import type { Migration } from './migrations';

/** Columns whose change is a change of the event (not `full_sync_gen`, which only marks a listing). */
const CONTENT_COLUMNS = `ical_uid, recurring_event_id, original_start, status, title, description, location, all_day,
  start_ms, end_ms, start_date, end_date, time_zone, transparency, event_type, self_response, updated, etag,
  calsync_task_id, calsync_proposal_id, color_id`;

const REENQUEUE = `rev = outbox.rev + 1, attempts = 0, last_error = NULL`;

/** Every calendar gets its number when it is inserted (arming numbers the ones already there), before any of its events. */
const calendarNo = (calendarId: string) => `(SELECT no FROM outbox_calendars WHERE calendar_id = ${calendarId})`;

export const OUTBOX_TRIGGERS: Record<string, string> = {
  calendars_outbox_insert: `
    CREATE TRIGGER IF NOT EXISTS calendars_outbox_insert AFTER INSERT ON calendars
    BEGIN
      INSERT OR IGNORE INTO outbox_calendars (calendar_id) VALUES (NEW.id);
    END`,
  events_outbox_insert: `
    CREATE TRIGGER IF NOT EXISTS events_outbox_insert AFTER INSERT ON events
    BEGIN
      INSERT INTO outbox (calendar_no, event_id, account_id, op, version, unsent)
      VALUES (${calendarNo('NEW.calendar_id')}, NEW.id, NEW.account_id, 'upsert', NULL, 1)
      ON CONFLICT (calendar_no, event_id) DO UPDATE SET account_id = excluded.account_id, op = 'upsert', version = NULL, ${REENQUEUE};
    END`,
  events_outbox_update: `
    CREATE TRIGGER IF NOT EXISTS events_outbox_update AFTER UPDATE OF ${CONTENT_COLUMNS} ON events
    BEGIN
      INSERT INTO outbox (calendar_no, event_id, account_id, op, version, unsent)
      VALUES (${calendarNo('NEW.calendar_id')}, NEW.id, NEW.account_id, 'upsert', NULL, 0)
      ON CONFLICT (calendar_no, event_id) DO UPDATE SET account_id = excluded.account_id, op = 'upsert', version = NULL, ${REENQUEUE};
    END`,
  events_outbox_delete: `
    CREATE TRIGGER IF NOT EXISTS events_outbox_delete AFTER DELETE ON events
    BEGIN
      -- Another account's copy of the same event (a shared calendar) keeps it
      -- alive in the workspace; that copy may have been the one sent, so from
      -- now on the key counts as sent.
      -- The kind of delete (schema step 6): "withdrawn" when this copy's
      -- calendar is no longer synced — disabled (setEnabled clears the flag
      -- before dropping the events, in the same transaction) or gone from the
      -- cache (calendar unsubscribed, account removed: the FK cascade deletes
      -- the parent rows first) — else "gone" (deleted at Google, or missing
      -- from a full listing).
      INSERT INTO outbox (calendar_no, event_id, account_id, op, version, unsent, withdrawn)
      SELECT ${calendarNo('OLD.calendar_id')}, OLD.id, COALESCE(o.other, OLD.account_id),
             CASE WHEN o.other IS NULL THEN 'delete' ELSE 'upsert' END,
             CASE WHEN o.other IS NULL THEN OLD.updated END, 0,
             CASE WHEN o.other IS NULL AND NOT EXISTS (SELECT 1 FROM calendars c WHERE c.account_id = OLD.account_id AND c.id = OLD.calendar_id AND c.enabled = 1)
                  THEN 1 ELSE 0 END
      FROM (SELECT (SELECT e.account_id FROM events e WHERE e.account_id IN (SELECT id FROM accounts)
                    AND e.calendar_id = OLD.calendar_id AND e.id = OLD.id LIMIT 1) AS other) o
      WHERE true
      ON CONFLICT (calendar_no, event_id) DO UPDATE SET account_id = excluded.account_id, op = excluded.op, version = excluded.version,
        withdrawn = excluded.withdrawn, unsent = CASE WHEN excluded.op = 'upsert' THEN 0 ELSE outbox.unsent END, ${REENQUEUE};
      -- Created and deleted before the pusher ever sent it: the workspace never knew it.
      DELETE FROM outbox WHERE calendar_no = ${calendarNo('OLD.calendar_id')} AND event_id = OLD.id AND op = 'delete' AND unsent = 1;
    END`,
  // The workspace row carries the calendar's colour.
  calendars_outbox_color: `
    CREATE TRIGGER IF NOT EXISTS calendars_outbox_color AFTER UPDATE OF color ON calendars
    WHEN OLD.color IS NOT NEW.color
    BEGIN
      INSERT INTO outbox (calendar_no, event_id, account_id, op, version, unsent)
      SELECT ${calendarNo('NEW.id')}, id, account_id, 'upsert', NULL, 0 FROM events WHERE account_id = NEW.account_id AND calendar_id = NEW.id
      ON CONFLICT (calendar_no, event_id) DO UPDATE SET account_id = excluded.account_id, op = 'upsert', version = NULL, ${REENQUEUE};
    END`,
};

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
 * A cache armed before this step has the old delete trigger installed:
 * it is replaced here (installed triggers are never re-created by arming).
 */
export const outboxWithdrawnMigration: Migration = {
  version: 6,
  name: 'outbox: withdrawn deletes (a calendar no longer synced) apart from deletions at Google',
  sql: `ALTER TABLE outbox ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0;`,
  after: (db) => {
    const installed = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = 'events_outbox_delete'").get();
    if (!installed) return;
    db.exec('DROP TRIGGER events_outbox_delete');
    db.exec(OUTBOX_TRIGGERS.events_outbox_delete!);
  },
};
