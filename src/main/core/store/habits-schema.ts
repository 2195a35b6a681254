// Schema step 14: habits (issue 18), and proposals that belong to a task or
// to a habit. A habit's blocks go through the same life as a task's
// (proposed → accepted → conflict …), so they share the proposals table; the
// table is rebuilt because SQLite cannot relax `task_id NOT NULL` in place.
// Exactly one owner per row; deleting either owner drops its rows, as before.
import type { Migration } from './migrations';

const PROPOSAL_COLUMNS =
  'id, task_id, start_ms, end_ms, status, google_event_id, account_id, calendar_id, move_start_ms, move_end_ms, created_at, updated_at';

export const habitsMigration: Migration = {
  version: 14,
  name: 'habits, and proposals owned by a task or a habit',
  sql: `
    CREATE TABLE habits (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
      min_duration_minutes INTEGER CHECK (min_duration_minutes IS NULL OR min_duration_minutes > 0),
      -- {"kind":"daily"} | {"kind":"weekdays","days":["mon",…]} | {"kind":"timesPerWeek","times":N}
      frequency TEXT NOT NULL,
      window_start TEXT NOT NULL,
      window_end TEXT NOT NULL,
      priority INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 4),
      droppable INTEGER NOT NULL DEFAULT 1,
      enabled INTEGER NOT NULL DEFAULT 1,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE proposals_v14 (
      id TEXT PRIMARY KEY,
      task_id TEXT REFERENCES tasks(id) ON DELETE CASCADE,
      habit_id TEXT REFERENCES habits(id) ON DELETE CASCADE,
      start_ms INTEGER NOT NULL,
      end_ms INTEGER NOT NULL CHECK (end_ms > start_ms),
      status TEXT NOT NULL CHECK (status IN ('proposed', 'accepted', 'rejected', 'conflict')),
      google_event_id TEXT,
      account_id TEXT,
      calendar_id TEXT,
      move_start_ms INTEGER,
      move_end_ms INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      CHECK ((task_id IS NULL) <> (habit_id IS NULL))
    );
    INSERT INTO proposals_v14 (${PROPOSAL_COLUMNS}) SELECT ${PROPOSAL_COLUMNS} FROM proposals;
    DROP TABLE proposals;
    ALTER TABLE proposals_v14 RENAME TO proposals;
    CREATE INDEX proposals_status ON proposals(status);
    CREATE INDEX proposals_task ON proposals(task_id);
    CREATE INDEX proposals_habit ON proposals(habit_id);
  `,
};
