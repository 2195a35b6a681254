// Schema step 7: which calendars block the planner, and events whose end time
// Google only made up.
//
// `calendars.blocks_time`: whether the calendar's events are busy time. The
// default (`blocksTimeByDefault`) is on for the account's primary calendar and
// calendars it owns, off for subscribed and shared-in ones (holidays,
// birthdays, a colleague's calendar shared read-only). A cache from before this
// step gets the default for every calendar it has; the user's later choice is
// kept across calendarList refreshes.
//
// `events.end_time_unspecified`: Google's `endTimeUnspecified`. Such an event
// still carries an end "for compatibility", which is not the meeting's length,
// so it blocks nothing beyond its start.
//
// Both columns are added only when missing, so the step also applies to a cache
// whose user_version was rewound (and survives a renumbering on merge).
import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations';

/** The default of `blocks_time` for a calendar of an account's calendarList, as SQL over its columns. */
export const BLOCKS_TIME_DEFAULT_SQL = `CASE WHEN is_primary = 1 OR access_role = 'owner' THEN 1 ELSE 0 END`;

/** The same default for a calendar as calsync reads it from Google. */
export function blocksTimeByDefault(c: { primary: boolean; accessRole: string }): boolean {
  return c.primary || c.accessRole === 'owner';
}

function hasColumn(db: Database, table: string, column: string): boolean {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).some((c) => c.name === column);
}

export const busyCalendarsMigration: Migration = {
  version: 7,
  name: 'calendars that block my time; events without a real end time',
  sql: '',
  after: (db) => {
    if (!hasColumn(db, 'calendars', 'blocks_time')) {
      db.exec('ALTER TABLE calendars ADD COLUMN blocks_time INTEGER NOT NULL DEFAULT 1');
      db.exec(`UPDATE calendars SET blocks_time = ${BLOCKS_TIME_DEFAULT_SQL}`);
    }
    if (!hasColumn(db, 'events', 'end_time_unspecified')) {
      db.exec('ALTER TABLE events ADD COLUMN end_time_unspecified INTEGER NOT NULL DEFAULT 0');
    }
  },
};
