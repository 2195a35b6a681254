// Schema step 12: busy mirroring (core/mirror). A rule copies the busy time of
// one calendar into another; `mirror_events` remembers, per rule and source
// event, which target event calsync wrote and what it last wrote there, so a
// change made by hand in the target is told apart from calsync's own. The
// events cache keeps the mirror marker of an event (`calsync_mirror_rule`) so
// that mirrors are never mirrored again, whichever device wrote them.
import type { Migration } from './migrations';

export const mirrorMigration: Migration = {
  version: 12,
  name: 'busy mirroring: rules, what each rule wrote, the mirror marker of cached events',
  sql: `
    CREATE TABLE mirror_rules (
      id TEXT PRIMARY KEY,
      from_account_id TEXT NOT NULL,
      from_calendar_id TEXT NOT NULL,
      to_account_id TEXT NOT NULL,
      to_calendar_id TEXT NOT NULL,
      show_title INTEGER NOT NULL DEFAULT 0,
      visibility TEXT NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'default', 'public')),
      all_day INTEGER NOT NULL DEFAULT 0,
      buffer_before_minutes INTEGER NOT NULL DEFAULT 0,
      buffer_after_minutes INTEGER NOT NULL DEFAULT 0,
      horizon_days INTEGER NOT NULL DEFAULT 60,
      created_at INTEGER NOT NULL,
      last_run_at INTEGER,
      last_error TEXT,
      -- JSON: counts of the last run (inserted, updated, deleted, leftAlone)
      last_result TEXT
    );
    CREATE TABLE mirror_events (
      rule_id TEXT NOT NULL REFERENCES mirror_rules(id) ON DELETE CASCADE,
      source_key TEXT NOT NULL,
      target_event_id TEXT NOT NULL,
      -- the source's version (Google's updated) when the mirror was last written
      source_version TEXT,
      -- what calsync last wrote (see mirror/mirror-body.ts fingerprint)
      written_fp TEXT NOT NULL,
      -- the end of what was written (ms); a mirror that has ended is history, left as it is
      written_end_ms INTEGER NOT NULL,
      -- 0 while a write is in flight (written ahead of the call), 1 once Google confirmed it
      confirmed INTEGER NOT NULL DEFAULT 0,
      -- a hand edit in the target was reported (once)
      hand_edit_reported INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (rule_id, source_key)
    ) WITHOUT ROWID;
    ALTER TABLE events ADD COLUMN calsync_mirror_rule TEXT;
  `,
};
