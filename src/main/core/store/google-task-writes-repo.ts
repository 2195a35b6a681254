// The queue of status changes of imported tasks still to be written to
// Google Tasks (see google-task-writes-schema.ts), and what the write-back
// needs to know of an imported task's Google side.
import type { Db } from './database';

export type GoogleTaskStatus = 'completed' | 'needsAction';

export interface TaskWriteRow {
  taskId: string;
  accountId: string;
  listId: string;
  googleTaskId: string;
  status: GoogleTaskStatus;
  baseEtag: string | null;
  revision: number;
  attempts: number;
  lastError: string | null;
}

/** Google's side of one imported task, as the last import (or write) left it. */
export interface GoogleSide {
  taskId: string;
  title: string;
  accountId: string;
  listId: string;
  googleTaskId: string;
  etag: string | null;
}

const COLUMNS = `task_id AS taskId, account_id AS accountId, list_id AS listId, google_task_id AS googleTaskId, status,
  base_etag AS baseEtag, revision, attempts, last_error AS lastError`;

export class GoogleTaskWritesRepo {
  constructor(private readonly db: Db) {}

  /** Null for a local task, or an imported one whose list is not known (an old cache): nothing to write back then. */
  googleSide(taskId: string): GoogleSide | null {
    const row = this.db
      .prepare(
        `SELECT id AS taskId, title, google_account_id AS accountId, google_list_id AS listId, external_id AS externalId, google_etag AS etag
           FROM tasks WHERE id = ? AND source = 'google'`,
      )
      .get(taskId) as (Omit<GoogleSide, 'googleTaskId'> & { externalId: string | null }) | undefined;
    if (!row || !row.accountId || !row.listId || !row.externalId) return null;
    const prefix = `${row.accountId}:`;
    if (!row.externalId.startsWith(prefix)) return null;
    const { externalId, ...rest } = row;
    return { ...rest, googleTaskId: externalId.slice(prefix.length) };
  }

  /** Queues (or re-aims) the write of a task's status; the base etag stays the one of the first queued change. */
  queue(side: GoogleSide, status: GoogleTaskStatus, now: number): void {
    this.db
      .prepare(
        `INSERT INTO google_task_writes (task_id, account_id, list_id, google_task_id, status, base_etag, queued_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(task_id) DO UPDATE SET status = excluded.status, revision = revision + 1, updated_at = excluded.updated_at`,
      )
      .run(side.taskId, side.accountId, side.listId, side.googleTaskId, status, side.etag, now, now);
  }

  get(taskId: string): TaskWriteRow | null {
    return (
      (this.db.prepare(`SELECT ${COLUMNS} FROM google_task_writes WHERE task_id = ?`).get(taskId) as
        TaskWriteRow | undefined) ?? null
    );
  }

  ofAccount(accountId: string): TaskWriteRow[] {
    return this.db
      .prepare(`SELECT ${COLUMNS} FROM google_task_writes WHERE account_id = ? ORDER BY queued_at, task_id`)
      .all(accountId) as TaskWriteRow[];
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM google_task_writes').get() as { n: number }).n;
  }

  /** Removes the write if it is still the given revision (a newer change stays queued); true when removed. */
  settle(taskId: string, revision: number): boolean {
    return (
      this.db.prepare('DELETE FROM google_task_writes WHERE task_id = ? AND revision = ?').run(taskId, revision)
        .changes > 0
    );
  }

  /** Drops whatever is queued for the task (Google's side decided it). */
  drop(taskId: string): void {
    this.db.prepare('DELETE FROM google_task_writes WHERE task_id = ?').run(taskId);
  }

  /** A newer change was queued while an older one was written: it is now measured from what that write left at Google. */
  rebase(taskId: string, etag: string | null): void {
    this.db.prepare('UPDATE google_task_writes SET base_etag = ? WHERE task_id = ?').run(etag, taskId);
  }

  noteFailure(taskId: string, revision: number, error: string, now: number): void {
    this.db
      .prepare(
        'UPDATE google_task_writes SET attempts = attempts + 1, last_error = ?, updated_at = ? WHERE task_id = ? AND revision = ?',
      )
      .run(error, now, taskId, revision);
  }
}
