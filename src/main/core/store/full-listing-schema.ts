// Schema step 8: the periodic full listing of each calendar (sync/full-listing.ts).
// `full_listed_at`: when the last full listing whose sweep ran began; the next
// one is due a week (plus a per-calendar offset) later. `sweep_held_at`: a
// full listing came back suspiciously short (empty, or less than half of a
// big calendar) and its sweep was held; the next run lists again to confirm.
// Calendars already syncing count as listed when they last synced, so an
// upgrade does not list every calendar in the first run.
import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations';

export const fullListingMigration: Migration = {
  version: 9,
  name: 'periodic full listing per calendar, held sweeps',
  sql: '',
  // Columns only where missing: a test may replay the step on a cache that has them.
  after: (db: Database) => {
    const have = new Set(
      (db.prepare('PRAGMA table_info(calendars)').all() as Array<{ name: string }>).map((c) => c.name),
    );
    if (!have.has('full_listed_at')) {
      db.exec('ALTER TABLE calendars ADD COLUMN full_listed_at INTEGER');
      db.exec('UPDATE calendars SET full_listed_at = last_synced_at WHERE sync_token IS NOT NULL');
    }
    if (!have.has('sweep_held_at')) db.exec('ALTER TABLE calendars ADD COLUMN sweep_held_at INTEGER');
  },
};
