// Schema step 4: local tasks and the planner's proposals (DESIGN.md §5).
// A proposal keeps its row through its life: proposed → accepted (a Google
// event with a deterministic id exists) → conflict (a meeting now overlaps it)
// → accepted again when moved; or proposed → rejected (its slot is never
// offered to that task again). Deleting a task drops its open proposals only:
// accepted blocks are events in the user's calendar by then.
import type { Migration } from './migrations';

export const plannerMigration: Migration = {
  version: 4,
  name: 'tasks and proposals',
  sql: `
    CREATE TABLE tasks (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      notes TEXT,
      duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
      priority INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 4),
      due_ms INTEGER,
      earliest_ms INTEGER,
      min_chunk_minutes INTEGER NOT NULL,
      max_chunk_minutes INTEGER NOT NULL,
      status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
      source TEXT NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'google')),
      external_id TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE UNIQUE INDEX tasks_external ON tasks(external_id) WHERE external_id IS NOT NULL;
    CREATE TABLE proposals (
      id TEXT PRIMARY KEY,
      task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
      start_ms INTEGER NOT NULL,
      end_ms INTEGER NOT NULL CHECK (end_ms > start_ms),
      status TEXT NOT NULL CHECK (status IN ('proposed', 'accepted', 'rejected', 'conflict')),
      -- set before the Google insert is tried, so a retry reuses the same id
      google_event_id TEXT,
      account_id TEXT,
      calendar_id TEXT,
      move_start_ms INTEGER,
      move_end_ms INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX proposals_status ON proposals(status);
    CREATE INDEX proposals_task ON proposals(task_id);
  `,
};
