// Schema step 13: the indexes of the week query (events-repo `list` with a
// from and a to: the Plan page's week, the CLI's `calendar events`). An event
// overlaps [from, to) when it ends after `from` and starts before `to`; the
// old `events_start` index bounds only the start, so every earlier event
// matched it and the query scanned the table. Ordering by the end (then the
// start, checked in the index without reading the row) bounds the scan to
// the events that end after `from`, and only overlapping rows are read.
// Timed events are kept as instants, all-day ones as dates (never both:
// normalize-event.ts), hence one index for each.
import type { Migration } from './migrations';

export const weekIndexMigration: Migration = {
  version: 13,
  name: 'indexes for the events of a week: by end then start, instants and dates',
  sql: `
    CREATE INDEX events_end ON events(end_ms, start_ms) WHERE end_ms IS NOT NULL;
    CREATE INDEX events_end_date ON events(end_date, start_date) WHERE end_date IS NOT NULL;
  `,
};
