import type { Proposal, ProposalStatus } from '../../../shared/domain';
import type { Db } from './database';

interface ProposalRow {
  id: string;
  task_id: string | null;
  habit_id: string | null;
  start_ms: number;
  end_ms: number;
  status: ProposalStatus;
  google_event_id: string | null;
  account_id: string | null;
  calendar_id: string | null;
  move_start_ms: number | null;
  move_end_ms: number | null;
}

/** The owner of a new row: the task, else the habit, of that id (bound twice). */
const OWNER = '(SELECT id FROM tasks WHERE id = ?), (SELECT id FROM habits WHERE id = ?)';

export interface ProposalRecord extends Proposal {
  startMs: number;
  endMs: number;
  accountId: string | null;
}

// A block's owner is a task or a habit (schema step 14); `taskId` names
// either, as the planner sees it, and `habitId` marks a habit's block.
const toRecord = (r: ProposalRow): ProposalRecord => ({
  id: r.id,
  taskId: (r.task_id ?? r.habit_id)!,
  ...(r.habit_id !== null ? { habitId: r.habit_id } : {}),
  start: new Date(r.start_ms).toISOString(),
  end: new Date(r.end_ms).toISOString(),
  startMs: r.start_ms,
  endMs: r.end_ms,
  status: r.status,
  googleEventId: r.google_event_id,
  calendarId: r.calendar_id,
  accountId: r.account_id,
  moveTo:
    r.move_start_ms !== null && r.move_end_ms !== null
      ? { start: new Date(r.move_start_ms).toISOString(), end: new Date(r.move_end_ms).toISOString() }
      : null,
});

export function toProposal({ startMs: _s, endMs: _e, accountId: _a, ...p }: ProposalRecord): Proposal {
  return p;
}

export class ProposalsRepo {
  constructor(private readonly db: Db) {}

  list(status: ProposalStatus | 'all' = 'all'): ProposalRecord[] {
    const rows =
      status === 'all'
        ? this.db.prepare('SELECT * FROM proposals ORDER BY start_ms, id').all()
        : this.db.prepare('SELECT * FROM proposals WHERE status = ? ORDER BY start_ms, id').all(status);
    return (rows as ProposalRow[]).map(toRecord);
  }

  get(id: string): ProposalRecord | null {
    const row = this.db.prepare('SELECT * FROM proposals WHERE id = ?').get(id) as ProposalRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** Replaces the open proposals with a new plan; accepted, conflicting and rejected rows stay. */
  replaceProposed(next: Array<{ id: string; taskId: string; start: number; end: number }>, now: number): void {
    const keep = new Set(next.map((p) => p.id));
    const drop = this.db.prepare("DELETE FROM proposals WHERE id = ? AND status = 'proposed'");
    for (const p of this.list('proposed')) if (!keep.has(p.id)) drop.run(p.id);
    const upsert = this.db.prepare(
      `INSERT INTO proposals (id, task_id, habit_id, start_ms, end_ms, status, created_at, updated_at) VALUES (?, ${OWNER}, ?, ?, 'proposed', ?, ?)
       ON CONFLICT(id) DO UPDATE SET start_ms = excluded.start_ms, end_ms = excluded.end_ms, updated_at = excluded.updated_at WHERE proposals.status = 'proposed'`,
    );
    for (const p of next) upsert.run(p.id, p.taskId, p.taskId, p.start, p.end, now, now);
  }

  /** Records where the accepted event goes before Google is asked, so a retry reuses the same id. */
  prepareAccept(id: string, googleEventId: string, accountId: string, calendarId: string, now: number): void {
    this.db
      .prepare('UPDATE proposals SET google_event_id = ?, account_id = ?, calendar_id = ?, updated_at = ? WHERE id = ?')
      .run(googleEventId, accountId, calendarId, now, id);
  }

  setStatus(id: string, status: ProposalStatus, now: number): void {
    this.db
      .prepare('UPDATE proposals SET status = ?, move_start_ms = NULL, move_end_ms = NULL, updated_at = ? WHERE id = ?')
      .run(status, now, id);
  }

  setConflict(id: string, moveTo: { start: number; end: number } | null, now: number): void {
    this.db
      .prepare(
        "UPDATE proposals SET status = 'conflict', move_start_ms = ?, move_end_ms = ?, updated_at = ? WHERE id = ?",
      )
      .run(moveTo?.start ?? null, moveTo?.end ?? null, now, id);
  }

  moved(id: string, start: number, end: number, now: number): void {
    this.db
      .prepare(
        "UPDATE proposals SET status = 'accepted', start_ms = ?, end_ms = ?, move_start_ms = NULL, move_end_ms = NULL, updated_at = ? WHERE id = ?",
      )
      .run(start, end, now, id);
  }

  /**
   * Blocks whose Google insert landed but whose process stopped before it
   * recorded the accept (crash, SIGKILL, power loss): once a sync brings the
   * event — with calsync's marker — into the cache, the block is accepted. A
   * row a re-plan dropped meanwhile comes back as accepted too. Without this a
   * re-plan would offer the task's time again, and accepting that would put a
   * second block for the same time into the calendar.
   */
  adoptLanded(now: number): number {
    const known = this.db
      .prepare(
        `UPDATE proposals SET status = 'accepted', google_event_id = e.id, account_id = e.account_id, calendar_id = e.calendar_id, updated_at = @now
           FROM (SELECT account_id, calendar_id, id, calsync_proposal_id FROM events WHERE calsync_proposal_id IS NOT NULL) AS e
          WHERE proposals.status = 'proposed' AND e.calsync_proposal_id = proposals.id`,
      )
      .run({ now }).changes;
    const dropped = this.db
      .prepare(
        `INSERT INTO proposals (id, task_id, habit_id, start_ms, end_ms, status, google_event_id, account_id, calendar_id, created_at, updated_at)
         SELECT e.calsync_proposal_id, t.id, h.id, e.start_ms, e.end_ms, 'accepted', e.id, e.account_id, e.calendar_id, @now, @now
           FROM events e LEFT JOIN tasks t ON t.id = e.calsync_task_id LEFT JOIN habits h ON h.id = e.calsync_task_id
          WHERE e.calsync_proposal_id IS NOT NULL AND e.start_ms IS NOT NULL AND e.end_ms > e.start_ms
            AND (t.id IS NOT NULL OR h.id IS NOT NULL)
            AND NOT EXISTS (SELECT 1 FROM proposals p WHERE p.id = e.calsync_proposal_id)
         ON CONFLICT(id) DO NOTHING`,
      )
      .run({ now }).changes;
    return known + dropped;
  }

  /**
   * A proposed block moved by the user to [start, end): it becomes the proposal
   * of that slot (id `newId`, derived from task and slot like every other), and
   * the old row goes. A row already holding `newId` (the same task's proposal,
   * or a slot rejected before) is proposed there again.
   */
  moveProposed(oldId: string, newId: string, start: number, end: number, now: number): void {
    const old = this.get(oldId);
    if (!old) return;
    this.db
      .prepare(
        `INSERT INTO proposals (id, task_id, habit_id, start_ms, end_ms, status, created_at, updated_at) VALUES (?, ${OWNER}, ?, ?, 'proposed', ?, ?)
         ON CONFLICT(id) DO UPDATE SET status = 'proposed', start_ms = excluded.start_ms, end_ms = excluded.end_ms,
           move_start_ms = NULL, move_end_ms = NULL, updated_at = excluded.updated_at`,
      )
      .run(newId, old.taskId, old.taskId, start, end, now, now);
    if (newId !== oldId) this.db.prepare("DELETE FROM proposals WHERE id = ? AND status = 'proposed'").run(oldId);
  }

  /** Undo of a moved accept: the block's row goes back to the proposal it came from. */
  restoreMoved(id: string, from: { id: string; taskId: string; start: number; end: number }, now: number): void {
    if (id !== from.id) this.db.prepare('DELETE FROM proposals WHERE id = ?').run(id);
    this.db
      .prepare(
        `INSERT INTO proposals (id, task_id, habit_id, start_ms, end_ms, status, created_at, updated_at) VALUES (?, ${OWNER}, ?, ?, 'proposed', ?, ?)
         ON CONFLICT(id) DO UPDATE SET status = 'proposed', start_ms = excluded.start_ms, end_ms = excluded.end_ms,
           move_start_ms = NULL, move_end_ms = NULL, updated_at = excluded.updated_at`,
      )
      .run(from.id, from.taskId, from.taskId, from.start, from.end, now, now);
  }

  /** The open blocks of a task, or of a habit (same id space: the owner's id). */
  dropOpenOfTask(taskId: string): void {
    this.db
      .prepare("DELETE FROM proposals WHERE (task_id = ? OR habit_id = ?) AND status = 'proposed'")
      .run(taskId, taskId);
  }

  countProposed(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM proposals WHERE status = 'proposed'").get() as { n: number }).n;
  }
}
