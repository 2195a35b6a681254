// Schema step 15 (the integrator may renumber): Google Tasks both ways. A
// status change of an imported task made in calsync (done / open again) is
// queued here in the same transaction as the change itself, then sent to
// Google (tasks.patch) and removed only once Google is seen to hold it: a
// crash or a lost answer leaves the row for the next try, never a lost
// change. One row per task: a later change replaces the wanted status and
// bumps `revision`, so the answer to an older send never acknowledges a newer
// change. `base_etag` is Google's etag at the last import when the change was
// first queued: an etag at Google that differs from it (and a status that is
// not the wanted one) means the task was also edited at Google — a conflict,
// which Google's side wins. Run entries of the import get their warnings.
import type { Migration } from './migrations';

export const googleTaskWritesMigration: Migration = {
  version: 15,
  name: 'Google Tasks write-back: queued status changes of imported tasks',
  sql: `
    CREATE TABLE google_task_writes (
      task_id TEXT PRIMARY KEY REFERENCES tasks(id) ON DELETE CASCADE,
      account_id TEXT NOT NULL,
      list_id TEXT NOT NULL,
      google_task_id TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('completed', 'needsAction')),
      base_etag TEXT,
      revision INTEGER NOT NULL DEFAULT 1,
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      queued_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX google_task_writes_account ON google_task_writes(account_id);
    -- JSON array of what the user is told once about that account's tasks in that run
    ALTER TABLE sync_run_task_imports ADD COLUMN warnings TEXT;
  `,
};
