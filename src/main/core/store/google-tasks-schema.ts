// Schema step 5: the import of Google Tasks (tasks v1). Imported tasks are rows
// of `tasks` (source 'google', external_id "<account>:<task id>") with what
// Google owns next to them: the list, Google's `updated`/etag (a task whose
// etag is unchanged is not rewritten, so local edits stand), and the due
// date as Google gives it with the zone its end-of-day was computed in (a
// new zone in settings moves only dues the user did not change).
// Per task list: the watermark for the next incremental listing (updatedMin).
// Per run and account: what the import did, or why it could not.
import type { Migration } from './migrations';

export const googleTasksMigration: Migration = {
  version: 5,
  name: 'Google Tasks import',
  sql: `
    ALTER TABLE tasks ADD COLUMN google_account_id TEXT;
    ALTER TABLE tasks ADD COLUMN google_list_id TEXT;
    ALTER TABLE tasks ADD COLUMN google_updated TEXT;
    ALTER TABLE tasks ADD COLUMN google_etag TEXT;
    ALTER TABLE tasks ADD COLUMN google_due_date TEXT;
    ALTER TABLE tasks ADD COLUMN google_due_zone TEXT;
    CREATE INDEX tasks_google_list ON tasks(google_account_id, google_list_id) WHERE google_account_id IS NOT NULL;
    CREATE TABLE google_task_lists (
      account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      id TEXT NOT NULL,
      title TEXT NOT NULL,
      -- updatedMin of the next listing (RFC 3339); NULL: list it in full
      watermark TEXT,
      full_listed_at INTEGER,
      PRIMARY KEY (account_id, id)
    );
    -- Imported tasks the user deleted in calsync: not imported again until Google deletes them too.
    CREATE TABLE google_tasks_dismissed (
      external_id TEXT PRIMARY KEY,
      dismissed_at INTEGER NOT NULL
    );
    CREATE TABLE sync_run_task_imports (
      run_id INTEGER NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
      account_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('succeeded', 'failed', 'needs-consent')),
      lists INTEGER NOT NULL DEFAULT 0,
      inserted INTEGER NOT NULL DEFAULT 0,
      updated INTEGER NOT NULL DEFAULT 0,
      deleted INTEGER NOT NULL DEFAULT 0,
      error TEXT,
      PRIMARY KEY (run_id, account_id)
    );
    -- status reads each account's latest import
    CREATE INDEX sync_run_task_imports_account ON sync_run_task_imports(account_id, run_id);
  `,
};
