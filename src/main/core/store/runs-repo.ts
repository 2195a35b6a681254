// The sync log: one row per run, one child row per calendar it touched.
import type { RunCalendar, RunStatus, SyncKind, SyncRun, SyncTrigger } from '../../../shared/domain';
import type { Db } from './database';
import { prepared } from './statement-cache';
import { GoogleTasksRepo } from './google-tasks-repo';
import { procParams, type OwnerProcess } from './locks-repo';

interface RunRow {
  id: number;
  trigger: SyncTrigger;
  kind: SyncKind;
  status: RunStatus;
  owner: string;
  started_at: number;
  ended_at: number | null;
  error: string | null;
  api_calls: number;
  retries: number;
  pages: number;
}

interface RunCalendarRow {
  run_id: number;
  account_id: string;
  calendar_id: string;
  kind: SyncKind;
  status: RunStatus;
  inserted: number;
  updated: number;
  deleted: number;
  skipped: number;
  pages: number;
  error: string | null;
}

export interface RunQuery {
  limit?: number;
  status?: RunStatus;
  calendarId?: string;
  beforeId?: number;
}

export interface CalendarCounts {
  inserted: number;
  updated: number;
  deleted: number;
  skipped: number;
  pages: number;
}

const INTERRUPTED =
  'the process running this sync stopped (crash, kill or power loss) before it finished; the next run picked up from the last stored page';

export class RunsRepo {
  constructor(private readonly db: Db) {}

  create(r: { trigger: SyncTrigger; kind: SyncKind; owner: string; proc?: OwnerProcess | null }, now: number): number {
    const info = prepared(
      this.db,
      `INSERT INTO sync_runs (trigger, kind, status, owner, started_at, heartbeat_at, owner_host, owner_pid, owner_scope)
         VALUES (@trigger, @kind, 'running', @owner, @now, @now, @host, @pid, @scope)`,
    ).run({ trigger: r.trigger, kind: r.kind, owner: r.owner, now, ...procParams(r.proc ?? null) });
    return Number(info.lastInsertRowid);
  }

  heartbeat(id: number, now: number): void {
    prepared(this.db, "UPDATE sync_runs SET heartbeat_at = ? WHERE id = ? AND status = 'running'").run(now, id);
  }

  /**
   * Runs whose process stopped beating long enough ago are marked interrupted,
   * and so, at once, are runs whose owner `isDead` says is gone (a process of
   * this host that no longer exists).
   */
  sweepInterrupted(now: number, ttlMs: number, isDead: (p: OwnerProcess) => boolean = () => false): number {
    const cutoff = now - ttlMs;
    return this.db
      .transaction(() => {
        const running = prepared(
          this.db,
          "SELECT id, heartbeat_at, owner_host, owner_pid, owner_scope FROM sync_runs WHERE status = 'running'",
        ).all() as Array<{
          id: number;
          heartbeat_at: number;
          owner_host: string | null;
          owner_pid: number | null;
          owner_scope: string | null;
        }>;
        const dead = running.filter(
          (r) =>
            r.heartbeat_at < cutoff ||
            (r.owner_host !== null &&
              r.owner_pid !== null &&
              isDead({ host: r.owner_host, pid: r.owner_pid, scope: r.owner_scope ?? '' })),
        );
        for (const { id } of dead) this.markInterrupted(id, now);
        return dead.length;
      })
      .immediate();
  }

  /** A run whose process is known to be gone; no-op unless it is still marked running. */
  markInterrupted(id: number, now: number): void {
    const changed = prepared(
      this.db,
      "UPDATE sync_runs SET status = 'interrupted', ended_at = ?, error = ? WHERE id = ? AND status = 'running'",
    ).run(now, INTERRUPTED, id).changes;
    if (changed)
      prepared(
        this.db,
        "UPDATE sync_run_calendars SET status = 'interrupted' WHERE run_id = ? AND status = 'running'",
      ).run(id);
  }

  setKind(id: number, kind: SyncKind): void {
    prepared(this.db, 'UPDATE sync_runs SET kind = ? WHERE id = ?').run(kind, id);
  }

  addStats(id: number, s: { apiCalls: number; retries: number }): void {
    prepared(this.db, 'UPDATE sync_runs SET api_calls = api_calls + ?, retries = retries + ? WHERE id = ?').run(
      s.apiCalls,
      s.retries,
      id,
    );
  }

  finish(id: number, status: Exclude<RunStatus, 'running'>, error: string | null, now: number): void {
    prepared(this.db, 'UPDATE sync_runs SET status = ?, error = ?, ended_at = ? WHERE id = ?').run(
      status,
      error,
      now,
      id,
    );
  }

  startCalendar(runId: number, accountId: string, calendarId: string, kind: SyncKind): void {
    prepared(
      this.db,
      `INSERT INTO sync_run_calendars (run_id, account_id, calendar_id, kind, status) VALUES (?, ?, ?, ?, 'running')
         ON CONFLICT(run_id, account_id, calendar_id) DO UPDATE SET kind = excluded.kind, status = 'running'`,
    ).run(runId, accountId, calendarId, kind);
  }

  /** Called inside each page's transaction, so the log never disagrees with the cache. */
  addCalendarCounts(runId: number, accountId: string, calendarId: string, c: CalendarCounts): void {
    prepared(
      this.db,
      `UPDATE sync_run_calendars SET inserted = inserted + @inserted, updated = updated + @updated, deleted = deleted + @deleted,
           skipped = skipped + @skipped, pages = pages + @pages WHERE run_id = @runId AND account_id = @accountId AND calendar_id = @calendarId`,
    ).run({ ...c, runId, accountId, calendarId });
    prepared(this.db, 'UPDATE sync_runs SET pages = pages + ? WHERE id = ?').run(c.pages, runId);
  }

  finishCalendar(runId: number, accountId: string, calendarId: string, status: RunStatus, error: string | null): void {
    prepared(
      this.db,
      'UPDATE sync_run_calendars SET status = ?, error = ? WHERE run_id = ? AND account_id = ? AND calendar_id = ?',
    ).run(status, error, runId, accountId, calendarId);
  }

  get(id: number): SyncRun | null {
    return this.list({ limit: 1, beforeId: id + 1 }).find((r) => r.id === id) ?? null;
  }

  list(q: RunQuery = {}): SyncRun[] {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: q.limit ?? 50 };
    if (q.status) {
      where.push('r.status = @status');
      params.status = q.status;
    }
    if (q.beforeId) {
      where.push('r.id < @beforeId');
      params.beforeId = q.beforeId;
    }
    if (q.calendarId) {
      where.push('EXISTS (SELECT 1 FROM sync_run_calendars c WHERE c.run_id = r.id AND c.calendar_id = @calendarId)');
      params.calendarId = q.calendarId;
    }
    const runs = prepared(
      this.db,
      `SELECT * FROM sync_runs r ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.id DESC LIMIT @limit`,
    ).all(params) as RunRow[];
    if (runs.length === 0) return [];
    const ids = runs.map((r) => r.id);
    // Prepared each time: the text carries one slot per run, so it is not one statement to keep.
    const cals = this.db
      .prepare(
        `SELECT * FROM sync_run_calendars WHERE run_id IN (${ids.map(() => '?').join(',')}) ORDER BY account_id, calendar_id`,
      )
      .all(...ids) as RunCalendarRow[];
    const byRun = new Map<number, RunCalendar[]>();
    for (const c of cals) {
      const list = byRun.get(c.run_id) ?? [];
      list.push({
        accountId: c.account_id,
        calendarId: c.calendar_id,
        kind: c.kind,
        status: c.status,
        inserted: c.inserted,
        updated: c.updated,
        deleted: c.deleted,
        skipped: c.skipped,
        pages: c.pages,
        error: c.error,
      });
      byRun.set(c.run_id, list);
    }
    const imports = new GoogleTasksRepo(this.db).importsOfRuns(ids);
    return runs.map((r) => ({
      id: r.id,
      trigger: r.trigger,
      kind: r.kind,
      status: r.status,
      startedAt: new Date(r.started_at).toISOString(),
      endedAt: r.ended_at === null ? null : new Date(r.ended_at).toISOString(),
      error: r.error,
      apiCalls: r.api_calls,
      retries: r.retries,
      pages: r.pages,
      calendars: byRun.get(r.id) ?? [],
      taskImports: imports.get(r.id) ?? [],
    }));
  }

  lastFinished(status?: RunStatus): SyncRun | null {
    const row = prepared(
      this.db,
      `SELECT id FROM sync_runs WHERE status <> 'running' ${status ? 'AND status = ?' : ''} ORDER BY id DESC LIMIT 1`,
    ).get(...(status ? [status] : [])) as { id: number } | undefined;
    return row ? this.get(row.id) : null;
  }
}
