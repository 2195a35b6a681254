// Schema step 7: who holds a lease and who runs a sync, as a process — host,
// pid, and the boot/pid-namespace "scope" the pid is meaningful in — so a
// lease (or a run) whose owner is on this host and no longer alive is taken
// over (marked interrupted) at once instead of after its expiry.
// The columns are added only where missing: a test (or a downgrade-upgrade)
// may replay the step on a cache that already has them.
import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations';

const COLUMNS = [
  ['owner_host', 'TEXT'],
  ['owner_pid', 'INTEGER'],
  ['owner_scope', 'TEXT'],
] as const;

function addMissing(db: Database, table: string): void {
  const have = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name));
  for (const [name, type] of COLUMNS) if (!have.has(name)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${name} ${type}`);
}

export const leaseOwnerMigration: Migration = {
  version: 8,
  name: 'lease and run owners as processes (host, pid, scope)',
  sql: '',
  after: (db) => {
    addMissing(db, 'locks');
    addMissing(db, 'sync_runs');
  },
};
