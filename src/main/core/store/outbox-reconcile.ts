// The cache side of the reconcile (push/reconcile.ts): which calendars still
// have to be compared with the workspace, what each one's cache is complete
// up to, and queuing the deletions a comparison finds — through the outbox,
// so they are sent, acknowledged and ordered like every other change.
//
// Why it exists: nothing is queued while no workspace is connected, and
// arming queues the cache as it is, i.e. upserts only. Events deleted
// meanwhile — at Google, by disabling a calendar, by logging an account out —
// would stay in the workspace for ever.
//
// State (schema step 11, outbox-tables-schema.ts): outbox_reconcile_state
// holds the target a reconcile is pending for (listed = 0: "every calendar,
// not listed yet"), outbox_reconcile the calendars still to compare with the
// listing start of their last attempt. Calendars that left the cache while
// disconnected are in outbox_departed (outbox-writer.ts records them).
import type { Db } from './database';
import { OutboxWriter } from './outbox-writer';

/**
 * `listed`: this device lists the calendar (an enabled copy with a sync token);
 * its cache holds every event that existed when that listing started
 * (`listedAt`, this device's clock). `dropped`: this device no longer syncs
 * the calendar (every copy disabled, or it left the cache while disarmed).
 */
export type ReconcileTask =
  | { calendarId: string; mode: 'listed'; accountId: string; listedAt: number }
  | { calendarId: string; mode: 'dropped'; accountId: string };

export interface ReconcilePlan {
  tasks: ReconcileTask[];
  /** Calendars still pending that cannot be compared yet (no complete listing since the last attempt). */
  waiting: number;
}

/** A live workspace row: its event id and the version the workspace holds. */
export interface WorkspaceKey {
  eventId: string;
  version: string;
}

export class ReconcileRepo {
  private readonly stmts;

  private readonly writer: OutboxWriter;

  constructor(private readonly db: Db) {
    this.writer = new OutboxWriter(db);
    this.stmts = {
      state: db.prepare('SELECT target, listed FROM outbox_reconcile_state WHERE id = 1'),
      request: db.prepare(
        'INSERT INTO outbox_reconcile_state (id, target, listed) VALUES (1, ?, 0) ON CONFLICT(id) DO UPDATE SET target = excluded.target, listed = 0',
      ),
      listAll: db.prepare(
        `INSERT INTO outbox_reconcile (calendar_id, tried_at)
         SELECT id, 0 FROM calendars UNION SELECT calendar_id, 0 FROM outbox_departed WHERE true
         ON CONFLICT (calendar_id) DO NOTHING`,
      ),
      markListed: db.prepare('UPDATE outbox_reconcile_state SET listed = 1 WHERE id = 1'),
      calendars: db.prepare('SELECT calendar_id, tried_at FROM outbox_reconcile ORDER BY calendar_id'),
      tried: db.prepare('UPDATE outbox_reconcile SET tried_at = ? WHERE calendar_id = ?'),
      done: db.prepare('DELETE FROM outbox_reconcile WHERE calendar_id = ?'),
      left: db.prepare('SELECT EXISTS (SELECT 1 FROM outbox_reconcile) AS n'),
      clearState: db.prepare('DELETE FROM outbox_reconcile_state'),
      clearCalendars: db.prepare('DELETE FROM outbox_reconcile'),
      departed: db.prepare('SELECT calendar_id FROM outbox_departed'),
      undepart: db.prepare('DELETE FROM outbox_departed WHERE calendar_id = ?'),
      copies: db.prepare(
        'SELECT account_id, enabled, sync_token IS NOT NULL AS listed FROM calendars WHERE id = ? ORDER BY account_id',
      ),
      // Newest first by run id, so the scan stops at the latest success.
      listedAt: db.prepare(
        `SELECT r.started_at FROM sync_run_calendars rc JOIN sync_runs r ON r.id = rc.run_id
         WHERE rc.account_id = ? AND rc.calendar_id = ? AND rc.status = 'succeeded' ORDER BY rc.run_id DESC LIMIT 1`,
      ),
      target: db.prepare('SELECT target FROM outbox_state WHERE id = 1'),
      cached: db.prepare(
        'SELECT 1 FROM events WHERE account_id IN (SELECT account_id FROM calendars WHERE id = @c) AND calendar_id = @c AND id = @id',
      ),
    };
  }

  /** Compare every calendar with the workspace `target` at the next push (arming does this; so does `push --reconcile`). */
  request(target: string): void {
    this.db.transaction(() => {
      this.stmts.clearCalendars.run();
      this.stmts.request.run(target);
    })();
  }

  pending(target: string): boolean {
    return this.state()?.target === target;
  }

  clear(): void {
    this.db.transaction(() => {
      this.stmts.clearCalendars.run();
      this.stmts.clearState.run();
    })();
  }

  /** What to compare now, or null when nothing is pending for `target`. */
  plan(target: string): ReconcilePlan | null {
    // Every push asks: only a pending reconcile takes the write lock.
    if (!this.pending(target)) return null;
    return this.db
      .transaction((): ReconcilePlan | null => {
        const state = this.state();
        if (state?.target !== target) return null;
        if (!state.listed) {
          this.stmts.listAll.run();
          this.stmts.markListed.run();
        }
        const departed = new Set(
          (this.stmts.departed.all() as Array<{ calendar_id: string }>).map((r) => r.calendar_id),
        );
        const plan: ReconcilePlan = { tasks: [], waiting: 0 };
        for (const { calendar_id: calendarId, tried_at: tried } of this.stmts.calendars.all() as Array<{
          calendar_id: string;
          tried_at: number;
        }>) {
          const copies = this.stmts.copies.all(calendarId) as Array<{
            account_id: string;
            enabled: number;
            listed: number;
          }>;
          if (copies.length > 0 && departed.delete(calendarId)) this.stmts.undepart.run(calendarId); // back in the cache
          const enabled = copies.filter((c) => c.enabled === 1);
          if (copies.length === 0 && !departed.has(calendarId)) {
            // Never seen by this device, or removed while armed (its deletions were queued then).
            this.stmts.done.run(calendarId);
          } else if (enabled.length === 0) {
            plan.tasks.push({ calendarId, mode: 'dropped', accountId: copies[0]?.account_id ?? '' });
          } else {
            const listed = this.listedAt(calendarId, enabled);
            if (listed && listed.at > tried)
              plan.tasks.push({ calendarId, mode: 'listed', accountId: listed.accountId, listedAt: listed.at });
            else plan.waiting++;
          }
        }
        this.settle();
        return plan;
      })
      .immediate();
  }

  /**
   * Queues a delete for each key the cache has no copy of, at the workspace's
   * version (the rule: outbox-rules.ts, "absent"). Returns how many rows were
   * queued or raised, or -1 when the outbox is no longer armed for `target`
   * (disconnected meanwhile).
   */
  queueDeletes(target: string, task: ReconcileTask, keys: readonly WorkspaceKey[]): number {
    return this.db
      .transaction(() => {
        if ((this.stmts.target.get() as { target: string } | undefined)?.target !== target) return -1;
        // A calendar this device no longer syncs: its rows are withdrawn, not deleted at Google.
        const cause = task.mode === 'dropped' ? 'withdrawn' : 'gone';
        return keys.reduce(
          (n, k) => n + (this.writer.absent(task.calendarId, k.eventId, task.accountId, k.version, cause) ? 1 : 0),
          0,
        );
      })
      .immediate();
  }

  /** How many of these keys the cache has no copy of. */
  countAbsent(calendarId: string, keys: readonly WorkspaceKey[]): number {
    return keys.reduce((n, k) => n + (this.stmts.cached.get({ c: calendarId, id: k.eventId }) ? 0 : 1), 0);
  }

  /** Done with a calendar (`complete`), or try it again after its next listing newer than `listedAt`. */
  finish(target: string, task: ReconcileTask, complete: boolean): void {
    this.db
      .transaction(() => {
        const state = this.state();
        if (state?.target !== target || !state.listed) return;
        if (complete) {
          this.stmts.done.run(task.calendarId);
          this.stmts.undepart.run(task.calendarId);
        } else if (task.mode === 'listed') {
          this.stmts.tried.run(task.listedAt, task.calendarId);
        }
        this.settle();
      })
      .immediate();
  }

  /** No calendar left to compare: the reconcile is over. */
  private settle(): void {
    if ((this.stmts.left.get() as { n: number }).n === 0) this.stmts.clearState.run();
  }

  private state(): { target: string; listed: boolean } | null {
    const r = this.stmts.state.get() as { target: string; listed: number } | undefined;
    return r ? { target: r.target, listed: r.listed === 1 } : null;
  }

  /** The start of the newest successful listing among the copies that have a sync token. */
  private listedAt(
    calendarId: string,
    enabled: Array<{ account_id: string; listed: number }>,
  ): { accountId: string; at: number } | null {
    let best: { accountId: string; at: number } | null = null;
    for (const c of enabled) {
      if (c.listed !== 1) continue;
      const row = this.stmts.listedAt.get(c.account_id, calendarId) as { started_at: number } | undefined;
      if (row && (!best || row.started_at > best.at)) best = { accountId: c.account_id, at: row.started_at };
    }
    return best;
  }
}
