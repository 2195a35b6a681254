// Schema step 7 (the integrator may renumber): queued changes the workspace
// refused as invalid (a Postgres data error or constraint violation on that
// one row), set aside so they no longer hold the push queue. One row per
// workspace key. A quarantined change leaves the outbox; a later change of the
// same event is queued as usual and, once the workspace takes it, clears the
// quarantine row. Disconnecting or switching workspace empties it.
import type { Migration } from './migrations';

export const outboxQuarantineMigration: Migration = {
  version: 10,
  name: 'outbox quarantine: changes the workspace refused as invalid, kept for status',
  sql: `
    CREATE TABLE IF NOT EXISTS outbox_quarantine (
      calendar_id TEXT NOT NULL,
      event_id TEXT NOT NULL,
      op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
      -- the workspace's answer, as the push reported it
      error TEXT NOT NULL,
      quarantined_at INTEGER NOT NULL,
      PRIMARY KEY (calendar_id, event_id)
    ) WITHOUT ROWID;
  `,
};
