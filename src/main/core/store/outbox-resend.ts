// The cache side of re-sending calendars another device withdrew rows of
// (push/withdrawal-resend.ts, decision in push/resend-plan.ts): the marks this
// device last saw, which calendars it syncs, and queuing a calendar's cached
// events again — in one transaction with the new marks, so a crash either
// leaves both (the rows go out with a later push) or neither (the changed
// mark is seen again). The marks live in outbox_withdrawals_seen (schema step 11).
import type { Db } from './database';

export interface ResendState {
  /** The marks last seen, by calendar id (empty for another workspace or none yet). */
  seen: Record<string, string>;
  /** Calendars with an enabled copy in the cache. */
  synced: Set<string>;
}

export interface ResendDecision {
  resend: readonly string[];
  seen: Record<string, string>;
}

export class ResendRepo {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      seen: db.prepare('SELECT calendar_id, mark FROM outbox_withdrawals_seen WHERE target = ?'),
      forget: db.prepare('DELETE FROM outbox_withdrawals_seen'),
      remember: db.prepare('INSERT INTO outbox_withdrawals_seen (calendar_id, target, mark) VALUES (?, ?, ?)'),
      target: db.prepare('SELECT target FROM outbox_state WHERE id = 1'),
      synced: db.prepare('SELECT DISTINCT id FROM calendars WHERE enabled = 1'),
      number: db.prepare('INSERT OR IGNORE INTO outbox_calendars (calendar_id) VALUES (?)'),
      // A key already queued goes out anyway (an upsert reads the cached row
      // at push time; a delete is only queued for an event the cache lacks).
      // A calendar cached by two accounts is one workspace row: one copy.
      // unsent = 0: the workspace may hold the key, so a deletion must be sent.
      queue: db.prepare(
        `INSERT INTO outbox (calendar_no, event_id, account_id, op, version, unsent)
         SELECT c.no, e.id, e.account_id, 'upsert', NULL, 0 FROM events e JOIN outbox_calendars c ON c.calendar_id = e.calendar_id
         WHERE e.calendar_id = ?
         ON CONFLICT (calendar_no, event_id) DO NOTHING`,
      ),
    };
  }

  /**
   * Reads the state, lets `decide` plan, then queues the plan's calendars and
   * remembers its marks, all in one transaction. Returns how many rows were
   * queued, or -1 when the outbox is not armed for `target` (disconnected).
   */
  resend(target: string, decide: (state: ResendState) => ResendDecision): number {
    return this.db
      .transaction(() => {
        if ((this.stmts.target.get() as { target: string } | undefined)?.target !== target) return -1;
        const synced = new Set((this.stmts.synced.all() as Array<{ id: string }>).map((r) => r.id));
        const plan = decide({ seen: this.seen(target), synced });
        let queued = 0;
        for (const calendarId of plan.resend) {
          this.stmts.number.run(calendarId);
          queued += this.stmts.queue.run(calendarId).changes;
        }
        this.stmts.forget.run();
        for (const [calendarId, mark] of Object.entries(plan.seen)) this.stmts.remember.run(calendarId, target, mark);
        return queued;
      })
      .immediate();
  }

  private seen(target: string): Record<string, string> {
    return Object.fromEntries(
      (this.stmts.seen.all(target) as Array<{ calendar_id: string; mark: string }>).map((r) => [r.calendar_id, r.mark]),
    );
  }
}
