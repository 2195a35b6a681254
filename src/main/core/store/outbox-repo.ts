// The outbox as the pusher and the status see it, and connecting it to a
// workspace (arm) or disconnecting it (disarm). The repositories fill it
// through outbox-writer.ts in the transaction of each change; rows leave only
// through `ack`, and only at the revision that was sent.
import type { CachedEvent } from '../../../shared/domain';
import type { Db } from './database';
import { toCachedEvent } from './events-repo';
import { QuarantineRepo } from './outbox-quarantine';
import { ReconcileRepo } from './outbox-reconcile';
import { ResendRepo } from './outbox-resend';

export interface OutboxState {
  target: string;
  armedAt: number;
  loggedRunId: number;
  lastPushAt: number | null;
  lastError: string | null;
}

/** One queued change; for an upsert, the cached event as it is now (and its calendar's colour). */
export interface OutboxEntry {
  calendarId: string;
  eventId: string;
  op: 'upsert' | 'delete';
  version: string | null;
  /** A delete because this device stopped syncing the calendar (revivable), not a deletion at Google. */
  withdrawn: boolean;
  rev: number;
  attempts: number;
  event: CachedEvent | null;
  color: string | null;
}

/** A queued row as push/push-plan.ts plans it: its key, operation and revision. */
export interface QueuedKey {
  calendarId: string;
  eventId: string;
  op: 'upsert' | 'delete';
  /** The revision read: an acknowledgement removes the row only at this revision. */
  rev: number;
}

interface StateRow {
  target: string;
  armed_at: number;
  logged_run_id: number;
  last_push_at: number | null;
  last_error: string | null;
}

type BatchRow = Parameters<typeof toCachedEvent>[0] & {
  o_calendar_id: string;
  o_event_id: string;
  o_op: 'upsert' | 'delete';
  o_version: string | null;
  o_withdrawn: number;
  o_rev: number;
  o_attempts: number;
  cal_color: string | null;
};

const ENTRY_SELECT = `SELECT e.*, a.email, c.color AS cal_color, oc.calendar_id AS o_calendar_id, o.event_id AS o_event_id, o.op AS o_op,
         o.version AS o_version, o.withdrawn AS o_withdrawn, o.rev AS o_rev, o.attempts AS o_attempts
  FROM outbox_calendars oc
  JOIN outbox o ON o.calendar_no = oc.no
  LEFT JOIN events e ON o.op = 'upsert' AND e.account_id = o.account_id AND e.calendar_id = oc.calendar_id AND e.id = o.event_id
  LEFT JOIN accounts a ON a.id = e.account_id
  LEFT JOIN calendars c ON c.account_id = e.account_id AND c.id = e.calendar_id`;

const toEntry = (r: BatchRow): OutboxEntry => ({
  calendarId: r.o_calendar_id,
  eventId: r.o_event_id,
  op: r.o_op,
  version: r.o_version,
  withdrawn: r.o_op === 'delete' && r.o_withdrawn === 1,
  rev: r.o_rev,
  attempts: r.o_attempts,
  event: r.o_op === 'upsert' && r.id !== null ? toCachedEvent(r) : null,
  color: r.cal_color,
});

export class OutboxRepo {
  private readonly stmts;
  /** What still has to be compared with the workspace after arming (deletions made while disarmed). */
  readonly reconcile: ReconcileRepo;
  /** Calendars to queue again after another device withdrew rows of them. */
  readonly resend: ResendRepo;
  /** Changes the workspace refused as invalid, out of the queue (outbox-quarantine.ts). */
  readonly quarantine: QuarantineRepo;

  constructor(private readonly db: Db) {
    this.reconcile = new ReconcileRepo(db);
    this.resend = new ResendRepo(db);
    this.quarantine = new QuarantineRepo(db);
    this.stmts = {
      state: db.prepare(
        'SELECT target, armed_at, logged_run_id, last_push_at, last_error FROM outbox_state WHERE id = 1',
      ),
      count: db.prepare('SELECT count(*) AS n FROM outbox'),
      countFor: db.prepare(
        'SELECT count(*) AS n FROM outbox WHERE calendar_no = (SELECT no FROM outbox_calendars WHERE calendar_id = ?)',
      ),
      calendars: db.prepare(
        'SELECT c.calendar_id FROM outbox_calendars c WHERE EXISTS (SELECT 1 FROM outbox o WHERE o.calendar_no = c.no) ORDER BY c.calendar_id',
      ),
      batch: db.prepare(`${ENTRY_SELECT} WHERE oc.calendar_id = ? AND o.event_id > ? ORDER BY o.event_id LIMIT ?`),
      entries: db.prepare(
        `${ENTRY_SELECT} WHERE oc.calendar_id = ? AND o.event_id IN (SELECT value FROM json_each(?)) ORDER BY o.event_id`,
      ),
      keys: db.prepare(
        'SELECT oc.calendar_id, o.event_id, o.op, o.rev FROM outbox o JOIN outbox_calendars oc ON oc.no = o.calendar_no WHERE (@c IS NULL OR oc.calendar_id = @c)',
      ),
      markSending: db.prepare(
        'UPDATE outbox SET unsent = 0 WHERE calendar_no = (SELECT no FROM outbox_calendars WHERE calendar_id = ?) AND event_id IN (SELECT value FROM json_each(?)) AND unsent = 1',
      ),
      ack: db.prepare(
        'DELETE FROM outbox WHERE calendar_no = (SELECT no FROM outbox_calendars WHERE calendar_id = ?) AND event_id = ? AND rev = ?',
      ),
      fail: db.prepare(
        'UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE calendar_no = (SELECT no FROM outbox_calendars WHERE calendar_id = ?) AND event_id = ? AND rev = ?',
      ),
    };
  }

  state(): OutboxState | null {
    const r = this.stmts.state.get() as StateRow | undefined;
    return r
      ? {
          target: r.target,
          armedAt: r.armed_at,
          loggedRunId: r.logged_run_id,
          lastPushAt: r.last_push_at,
          lastError: r.last_error,
        }
      : null;
  }

  /**
   * Starts queuing for `target` (a workspace). A new target starts from an
   * empty outbox plus the whole cache (the backfill) and a reconcile at the
   * next push (the backfill cannot say what was deleted meanwhile); the same
   * target is a no-op.
   */
  arm(target: string, now: number): { changed: boolean; queued: number } {
    // Every process checks at start: only a change takes the write lock.
    if (this.state()?.target === target) return { changed: false, queued: 0 };
    return this.db
      .transaction(() => {
        if (this.state()?.target === target) return { changed: false, queued: 0 };
        // From now on the outbox itself queues a departing calendar's deletions.
        this.db.prepare('DELETE FROM outbox_disconnected').run();
        this.reconcile.request(target);
        this.db.prepare('DELETE FROM outbox').run();
        this.quarantine.clear();
        this.db.prepare('INSERT OR IGNORE INTO outbox_calendars (calendar_id) SELECT DISTINCT id FROM calendars').run();
        const lastRun = this.db.prepare('SELECT COALESCE(max(id), 0) AS id FROM sync_runs').get() as { id: number };
        this.db
          .prepare(
            `INSERT INTO outbox_state (id, target, armed_at, logged_run_id) VALUES (1, ?, ?, ?)
             ON CONFLICT(id) DO UPDATE SET target = excluded.target, armed_at = excluded.armed_at, logged_run_id = excluded.logged_run_id,
               last_push_at = NULL, last_error = NULL`,
          )
          .run(target, now, lastRun.id);
        // A calendar cached by two accounts is one workspace row: keep the first copy.
        const queued = this.db
          .prepare(
            `INSERT INTO outbox (calendar_no, event_id, account_id, op)
             SELECT c.no, e.id, e.account_id, 'upsert' FROM events e JOIN outbox_calendars c ON c.calendar_id = e.calendar_id WHERE true
             ON CONFLICT DO NOTHING`,
          )
          .run().changes;
        return { changed: true, queued };
      })
      .immediate();
  }

  /** Puts back deletions salvaged from a damaged cache (see recovery.ts), of the kind they were queued as ("gone" when the damaged cache predates kinds). */
  requeueDeletes(
    rows: Array<{
      calendar_id: string;
      event_id: string;
      account_id: string;
      version: string | null;
      withdrawn?: number;
    }>,
  ): void {
    const number = this.db.prepare('INSERT OR IGNORE INTO outbox_calendars (calendar_id) VALUES (?)');
    const insert = this.db.prepare(
      `INSERT INTO outbox (calendar_no, event_id, account_id, op, version, withdrawn)
       VALUES ((SELECT no FROM outbox_calendars WHERE calendar_id = ?), ?, ?, 'delete', ?, ?)
       ON CONFLICT(calendar_no, event_id) DO NOTHING`,
    );
    this.db.transaction(() => {
      for (const r of rows) {
        number.run(r.calendar_id);
        insert.run(r.calendar_id, r.event_id, r.account_id, r.version, r.withdrawn === 1 ? 1 : 0);
      }
    })();
  }

  /**
   * Stops queuing and forgets what was queued: with no workspace there is
   * nowhere to send it. Only the ids of calendars that leave the cache from
   * now on are kept (outbox_disconnected turns that on, outbox-writer.ts
   * records them), so a reconcile after reconnecting can clear their rows.
   */
  disarm(): number {
    if (!this.state()) return 0;
    return this.db
      .transaction(() => {
        if (!this.state()) return 0;
        this.db
          .prepare(
            "INSERT OR IGNORE INTO outbox_disconnected (id, since) VALUES (1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))",
          )
          .run();
        this.reconcile.clear();
        const dropped = this.db.prepare('DELETE FROM outbox').run().changes;
        this.quarantine.clear();
        this.db.prepare('DELETE FROM outbox_calendars').run();
        this.db.prepare('DELETE FROM outbox_state').run();
        return dropped;
      })
      .immediate();
  }

  count(): number {
    return (this.stmts.count.get() as { n: number }).n;
  }

  countFor(calendarId: string): number {
    return (this.stmts.countFor.get(calendarId) as { n: number }).n;
  }

  calendars(): string[] {
    return (this.stmts.calendars.all() as Array<{ calendar_id: string }>).map((r) => r.calendar_id);
  }

  /** Up to `limit` entries of one calendar after `afterEventId`, in key order (keyset paging). */
  batch(calendarId: string, afterEventId: string, limit: number): OutboxEntry[] {
    return (this.stmts.batch.all(calendarId, afterEventId, limit) as BatchRow[]).map(toEntry);
  }

  /** What is queued now (keys only), of one calendar or all: the input of push/push-plan.ts. */
  keys(calendarId: string | null = null): QueuedKey[] {
    return (
      this.stmts.keys.all({ c: calendarId }) as Array<{
        calendar_id: string;
        event_id: string;
        op: 'upsert' | 'delete';
        rev: number;
      }>
    ).map((r) => ({
      calendarId: r.calendar_id,
      eventId: r.event_id,
      op: r.op,
      rev: r.rev,
    }));
  }

  /** The entries of these keys as queued now (a key acknowledged meanwhile is left out), with each upsert's cached event. */
  entries(calendarId: string, eventIds: readonly string[]): OutboxEntry[] {
    if (eventIds.length === 0) return [];
    return (this.stmts.entries.all(calendarId, JSON.stringify(eventIds)) as BatchRow[]).map(toEntry);
  }

  /** These keys are about to reach the workspace: from now on their deletion must be sent too. */
  markSending(calendarId: string, entries: readonly OutboxEntry[]): void {
    if (entries.length === 0) return;
    this.stmts.markSending.run(calendarId, JSON.stringify(entries.map((e) => e.eventId)));
  }

  /** Removes the entries the workspace confirmed, unless they were re-enqueued since; returns how many left. */
  ack(entries: readonly OutboxEntry[]): number {
    return this.db
      .transaction(() => {
        this.quarantine.release(entries);
        return entries.reduce((n, e) => n + this.stmts.ack.run(e.calendarId, e.eventId, e.rev).changes, 0);
      })
      .immediate();
  }

  fail(entries: readonly OutboxEntry[], error: string): void {
    this.db
      .transaction(() => {
        for (const e of entries) this.stmts.fail.run(error, e.calendarId, e.eventId, e.rev);
      })
      .immediate();
  }

  recordPush(now: number, error: string | null): void {
    this.db
      .prepare(
        'UPDATE outbox_state SET last_push_at = CASE WHEN ? IS NULL THEN ? ELSE last_push_at END, last_error = ? WHERE id = 1',
      )
      .run(error, now, error);
  }

  setLoggedRun(runId: number): void {
    this.db.prepare('UPDATE outbox_state SET logged_run_id = max(logged_run_id, ?) WHERE id = 1').run(runId);
  }
}
