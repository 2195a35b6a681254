// The cache side of the reconcile (push/reconcile.ts): which calendars still
// have to be compared with the workspace, what each one's cache is complete
// up to, and queuing the deletions a comparison finds — through the outbox,
// so they are sent, acknowledged and ordered like every other change.
//
// Why it exists: nothing is queued while no workspace is connected (the
// outbox's triggers are dropped), and arming queues the cache as it is, i.e.
// upserts only. Events deleted meanwhile — at Google, by disabling a calendar,
// by logging an account out — would stay in the workspace for ever.
//
// State lives in `kv` (no schema step): `supabase.reconcile` holds
// { target, calendars: { id: listing start of the last attempt, 0 = none } },
// or calendars = null for "every calendar, not listed yet". Calendars that
// left the cache while disarmed are remembered as `supabase.departed:<id>` by
// a trigger that exists only while disarmed (installed by OutboxRepo.disarm).
import type { Db } from './database';

const STATE_KEY = 'supabase.reconcile';
const DEPARTED = 'supabase.departed:';

/** A calendar left the cache while no workspace was connected: remember its id (no other copy left). */
export const DEPARTED_TRIGGER = {
  name: 'calendars_departed',
  sql: `
    CREATE TRIGGER IF NOT EXISTS calendars_departed AFTER DELETE ON calendars
    WHEN NOT EXISTS (SELECT 1 FROM calendars WHERE id = OLD.id)
    BEGIN
      INSERT OR IGNORE INTO kv (key, value) VALUES ('${DEPARTED}' || OLD.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
    END`,
};

/**
 * `listed`: this device lists the calendar (an enabled copy with a sync token);
 * its cache holds every event that existed when that listing started
 * (`listedAt`, this device's clock). `dropped`: this device no longer syncs
 * the calendar (every copy disabled, or it left the cache while disarmed).
 */
export type ReconcileTask = { calendarId: string; mode: 'listed'; accountId: string; listedAt: number } | { calendarId: string; mode: 'dropped'; accountId: string };

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

interface State {
  target: string;
  calendars: Record<string, number> | null;
}

export class ReconcileRepo {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      get: db.prepare('SELECT value FROM kv WHERE key = ?'),
      put: db.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      del: db.prepare('DELETE FROM kv WHERE key = ?'),
      copies: db.prepare('SELECT account_id, enabled, sync_token IS NOT NULL AS listed FROM calendars WHERE id = ? ORDER BY account_id'),
      // Newest first by run id, so the scan stops at the latest success.
      listedAt: db.prepare(
        `SELECT r.started_at FROM sync_run_calendars rc JOIN sync_runs r ON r.id = rc.run_id
         WHERE rc.account_id = ? AND rc.calendar_id = ? AND rc.status = 'succeeded' ORDER BY rc.run_id DESC LIMIT 1`,
      ),
      target: db.prepare('SELECT target FROM outbox_state WHERE id = 1'),
      number: db.prepare('INSERT OR IGNORE INTO outbox_calendars (calendar_id) VALUES (?)'),
      // The cache check and the insert are one statement in one transaction with
      // the sync's writes: an event that arrives later turns the row into an
      // upsert through the insert trigger. An existing delete keeps the newer
      // version; of the two kinds, "gone" wins (a calendar no longer synced:
      // "withdrawn", see outbox-schema.ts step 6).
      queue: db.prepare(
        `INSERT INTO outbox (calendar_no, event_id, account_id, op, version, unsent, withdrawn)
         SELECT (SELECT no FROM outbox_calendars WHERE calendar_id = @c), @id, @acc, 'delete', @v, 0, @w
         WHERE NOT EXISTS (SELECT 1 FROM events WHERE account_id IN (SELECT account_id FROM calendars WHERE id = @c) AND calendar_id = @c AND id = @id)
         ON CONFLICT (calendar_no, event_id) DO UPDATE SET version = excluded.version, withdrawn = min(outbox.withdrawn, excluded.withdrawn), rev = outbox.rev + 1, attempts = 0, last_error = NULL
           WHERE outbox.op = 'delete' AND (outbox.version IS NULL OR julianday(outbox.version) < julianday(excluded.version))`,
      ),
      cached: db.prepare('SELECT 1 FROM events WHERE account_id IN (SELECT account_id FROM calendars WHERE id = @c) AND calendar_id = @c AND id = @id'),
      departed: db.prepare(`SELECT substr(key, ${DEPARTED.length + 1}) AS id FROM kv WHERE key >= '${DEPARTED}' AND key < '${DEPARTED.slice(0, -1)};'`),
    };
  }

  /** Compare every calendar with the workspace `target` at the next push (arming does this; so does `push --reconcile`). */
  request(target: string): void {
    this.write({ target, calendars: null });
  }

  pending(target: string): boolean {
    return this.read()?.target === target;
  }

  clear(): void {
    this.stmts.del.run(STATE_KEY);
  }

  /** What to compare now, or null when nothing is pending for `target`. */
  plan(target: string): ReconcilePlan | null {
    // Every push asks: only a pending reconcile takes the write lock.
    if (!this.pending(target)) return null;
    return this.db
      .transaction((): ReconcilePlan | null => {
        const state = this.read();
        if (state?.target !== target) return null;
        const departed = new Set((this.stmts.departed.all() as Array<{ id: string }>).map((r) => r.id));
        const calendars = state.calendars ?? this.everyCalendar(departed);
        const plan: ReconcilePlan = { tasks: [], waiting: 0 };
        for (const [calendarId, tried] of Object.entries(calendars)) {
          const copies = this.stmts.copies.all(calendarId) as Array<{ account_id: string; enabled: number; listed: number }>;
          if (copies.length > 0 && departed.delete(calendarId)) this.stmts.del.run(DEPARTED + calendarId); // back in the cache
          const enabled = copies.filter((c) => c.enabled === 1);
          if (copies.length === 0 && !departed.has(calendarId)) {
            // Never seen by this device, or removed while armed (its deletions were queued then).
            delete calendars[calendarId];
          } else if (enabled.length === 0) {
            plan.tasks.push({ calendarId, mode: 'dropped', accountId: copies[0]?.account_id ?? '' });
          } else {
            const listed = this.listedAt(calendarId, enabled);
            if (listed && listed.at > tried) plan.tasks.push({ calendarId, mode: 'listed', accountId: listed.accountId, listedAt: listed.at });
            else plan.waiting++;
          }
        }
        this.write(Object.keys(calendars).length ? { target, calendars } : null);
        return plan;
      })
      .immediate();
  }

  /**
   * Queues a delete for each key the cache has no copy of, at the workspace's
   * version. Returns how many rows were queued or raised, or -1 when the
   * outbox is no longer armed for `target` (disconnected meanwhile).
   */
  queueDeletes(target: string, task: ReconcileTask, keys: readonly WorkspaceKey[]): number {
    return this.db
      .transaction(() => {
        if ((this.stmts.target.get() as { target: string } | undefined)?.target !== target) return -1;
        if (keys.length === 0) return 0;
        this.stmts.number.run(task.calendarId);
        let n = 0;
                // A calendar this device no longer syncs: its rows are withdrawn, not deleted at Google.
        const w = task.mode === 'dropped' ? 1 : 0;
        for (const k of keys) n += this.stmts.queue.run({ c: task.calendarId, id: k.eventId, acc: task.accountId, v: k.version, w }).changes;
        return n;
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
        const state = this.read();
        if (state?.target !== target || !state.calendars) return;
        if (complete) {
          delete state.calendars[task.calendarId];
          this.stmts.del.run(DEPARTED + task.calendarId);
        } else if (task.mode === 'listed') {
          state.calendars[task.calendarId] = task.listedAt;
        }
        this.write(Object.keys(state.calendars).length ? state : null);
      })
      .immediate();
  }

  private everyCalendar(departed: ReadonlySet<string>): Record<string, number> {
    const ids = (this.db.prepare('SELECT DISTINCT id FROM calendars').all() as Array<{ id: string }>).map((r) => r.id);
    return Object.fromEntries([...new Set([...ids, ...departed])].sort().map((id) => [id, 0]));
  }

  /** The start of the newest successful listing among the copies that have a sync token. */
  private listedAt(calendarId: string, enabled: Array<{ account_id: string; listed: number }>): { accountId: string; at: number } | null {
    let best: { accountId: string; at: number } | null = null;
    for (const c of enabled) {
      if (c.listed !== 1) continue;
      const row = this.stmts.listedAt.get(c.account_id, calendarId) as { started_at: number } | undefined;
      if (row && (!best || row.started_at > best.at)) best = { accountId: c.account_id, at: row.started_at };
    }
    return best;
  }

  private read(): State | null {
    const row = this.stmts.get.get(STATE_KEY) as { value: string } | undefined;
    if (!row) return null;
    try {
      const v = JSON.parse(row.value) as State;
      return typeof v.target === 'string' ? v : null;
    } catch {
      return null; // a damaged note only costs a reconcile
    }
  }

  private write(state: State | null): void {
    if (state) this.stmts.put.run(STATE_KEY, JSON.stringify(state));
    else this.stmts.del.run(STATE_KEY);
  }
}
