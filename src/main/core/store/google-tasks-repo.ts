// What the Google Tasks import keeps beside the `tasks` rows: Google's side of
// each imported task, the task lists with their watermarks, the tasks the user
// dismissed, and the per-run import log.
import type { RunTaskImport, TaskStatus } from '../../../shared/domain';
import type { Db } from './database';

/** Google's side of an imported task, as the import compares it. */
export interface ImportedTaskRow {
  id: string;
  externalId: string;
  listId: string | null;
  etag: string | null;
  updated: string | null;
  status: TaskStatus;
  dueMs: number | null;
  dueDate: string | null;
  dueZone: string | null;
}

/** The fields Google owns (title, notes, due, status) plus Google's bookkeeping. */
export interface GoogleOwnedFields {
  title: string;
  notes: string | null;
  dueMs: number | null;
  dueDate: string | null;
  dueZone: string | null;
  status: TaskStatus;
  listId: string;
  updated: string | null;
  etag: string | null;
}

export interface TaskListRow {
  id: string;
  title: string;
  watermark: string | null;
  fullListedAt: number | null;
}

export interface ImportDefaults {
  durationMinutes: number;
  priority: 1 | 2 | 3 | 4;
  minChunkMinutes: number;
  maxChunkMinutes: number;
}

interface ImportRow {
  run_id: number;
  account_id: string;
  kind: RunTaskImport['kind'];
  status: RunTaskImport['status'];
  lists: number;
  inserted: number;
  updated: number;
  deleted: number;
  error: string | null;
  warnings: string | null;
}

const toImport = (r: ImportRow): RunTaskImport => ({
  accountId: r.account_id,
  kind: r.kind,
  status: r.status,
  lists: r.lists,
  inserted: r.inserted,
  updated: r.updated,
  deleted: r.deleted,
  error: r.error,
  // Only when there is something to say, so entries read as before otherwise.
  ...(r.warnings ? { warnings: JSON.parse(r.warnings) as string[] } : {}),
});

export class GoogleTasksRepo {
  constructor(private readonly db: Db) {}

  /** Every task imported from this account, by external id. */
  importedOf(accountId: string): Map<string, ImportedTaskRow> {
    const rows = this.db
      .prepare(
        `SELECT id, external_id AS externalId, google_list_id AS listId, google_etag AS etag, google_updated AS updated, status, due_ms AS dueMs,
                google_due_date AS dueDate, google_due_zone AS dueZone
           FROM tasks WHERE source = 'google' AND google_account_id = ? AND external_id IS NOT NULL`,
      )
      .all(accountId) as ImportedTaskRow[];
    return new Map(rows.map((r) => [r.externalId, r]));
  }

  insert(
    id: string,
    accountId: string,
    externalId: string,
    g: GoogleOwnedFields,
    d: ImportDefaults,
    now: number,
  ): void {
    this.db
      .prepare(
        `INSERT INTO tasks (id, title, notes, duration_minutes, priority, due_ms, earliest_ms, min_chunk_minutes, max_chunk_minutes, status, source, external_id,
                            google_account_id, google_list_id, google_updated, google_etag, google_due_date, google_due_zone, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, 'google', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        g.title,
        g.notes,
        d.durationMinutes,
        d.priority,
        g.dueMs,
        d.minChunkMinutes,
        d.maxChunkMinutes,
        g.status,
        externalId,
        accountId,
        g.listId,
        g.updated,
        g.etag,
        g.dueDate,
        g.dueZone,
        now,
        now,
      );
  }

  /** Overwrites only what Google owns: duration, priority, earliest start and chunks stay as the user set them. */
  updateFromGoogle(id: string, g: GoogleOwnedFields, now: number): void {
    this.db
      .prepare(
        `UPDATE tasks SET title = ?, notes = ?, due_ms = ?, status = ?, google_list_id = ?, google_updated = ?, google_etag = ?, google_due_date = ?,
                          google_due_zone = ?, updated_at = ? WHERE id = ?`,
      )
      .run(g.title, g.notes, g.dueMs, g.status, g.listId, g.updated, g.etag, g.dueDate, g.dueZone, now, id);
  }

  setDue(id: string, dueMs: number | null, zone: string, now: number): void {
    this.db
      .prepare('UPDATE tasks SET due_ms = ?, google_due_zone = ?, updated_at = ? WHERE id = ?')
      .run(dueMs, zone, now, id);
  }

  lists(accountId: string): TaskListRow[] {
    return this.db
      .prepare(
        'SELECT id, title, watermark, full_listed_at AS fullListedAt FROM google_task_lists WHERE account_id = ? ORDER BY id',
      )
      .all(accountId) as TaskListRow[];
  }

  saveList(
    accountId: string,
    list: { id: string; title: string; watermark: string; fullListedAt: number | null },
  ): void {
    this.db
      .prepare(
        `INSERT INTO google_task_lists (account_id, id, title, watermark, full_listed_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(account_id, id) DO UPDATE SET title = excluded.title, watermark = excluded.watermark,
           full_listed_at = COALESCE(excluded.full_listed_at, google_task_lists.full_listed_at)`,
      )
      .run(accountId, list.id, list.title, list.watermark, list.fullListedAt);
  }

  deleteList(accountId: string, listId: string): void {
    this.db.prepare('DELETE FROM google_task_lists WHERE account_id = ? AND id = ?').run(accountId, listId);
  }

  isDismissed(externalId: string): boolean {
    return this.db.prepare('SELECT 1 FROM google_tasks_dismissed WHERE external_id = ?').get(externalId) !== undefined;
  }

  dismiss(externalId: string, now: number): void {
    this.db
      .prepare(
        'INSERT INTO google_tasks_dismissed (external_id, dismissed_at) VALUES (?, ?) ON CONFLICT(external_id) DO NOTHING',
      )
      .run(externalId, now);
  }

  undismiss(externalId: string): void {
    this.db.prepare('DELETE FROM google_tasks_dismissed WHERE external_id = ?').run(externalId);
  }

  recordImport(runId: number, r: RunTaskImport): void {
    this.db
      .prepare(
        `INSERT INTO sync_run_task_imports (run_id, account_id, kind, status, lists, inserted, updated, deleted, error, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(run_id, account_id) DO UPDATE SET kind = excluded.kind, status = excluded.status, lists = excluded.lists, inserted = excluded.inserted,
           updated = excluded.updated, deleted = excluded.deleted, error = excluded.error, warnings = excluded.warnings`,
      )
      .run(
        runId,
        r.accountId,
        r.kind,
        r.status,
        r.lists,
        r.inserted,
        r.updated,
        r.deleted,
        r.error,
        r.warnings?.length ? JSON.stringify(r.warnings) : null,
      );
  }

  importsOfRuns(runIds: number[]): Map<number, RunTaskImport[]> {
    const out = new Map<number, RunTaskImport[]>();
    if (runIds.length === 0) return out;
    const rows = this.db
      .prepare(
        `SELECT * FROM sync_run_task_imports WHERE run_id IN (${runIds.map(() => '?').join(',')}) ORDER BY account_id`,
      )
      .all(...runIds) as ImportRow[];
    for (const r of rows) out.set(r.run_id, [...(out.get(r.run_id) ?? []), toImport(r)]);
    return out;
  }

  /** The account's latest import (an index lookup, however long the log). */
  latestImport(accountId: string): (RunTaskImport & { runId: number }) | null {
    const row = this.db
      .prepare('SELECT * FROM sync_run_task_imports WHERE account_id = ? ORDER BY run_id DESC LIMIT 1')
      .get(accountId) as ImportRow | undefined;
    return row ? { ...toImport(row), runId: row.run_id } : null;
  }
}
