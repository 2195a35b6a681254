// Queued changes the workspace refused as invalid (schema step in
// outbox-quarantine-schema.ts). Taking a change into quarantine removes it
// from the outbox in the same transaction, and only at the revision that was
// sent: an event changed meanwhile is queued again and tried as usual.
import type { QuarantinedChange } from '../../../shared/api';
import type { Db } from './database';

export interface QuarantineKey {
  calendarId: string;
  eventId: string;
  op: 'upsert' | 'delete';
  rev: number;
}

interface Row {
  calendar_id: string;
  event_id: string;
  op: 'upsert' | 'delete';
  error: string;
  quarantined_at: number;
  title: string | null;
}

export class QuarantineRepo {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      any: db.prepare('SELECT EXISTS (SELECT 1 FROM outbox_quarantine) AS n'),
      count: db.prepare('SELECT count(*) AS n FROM outbox_quarantine'),
      unqueue: db.prepare(
        'DELETE FROM outbox WHERE calendar_no = (SELECT no FROM outbox_calendars WHERE calendar_id = ?) AND event_id = ? AND rev = ?',
      ),
      put: db.prepare(
        `INSERT INTO outbox_quarantine (calendar_id, event_id, op, error, quarantined_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (calendar_id, event_id) DO UPDATE SET op = excluded.op, error = excluded.error, quarantined_at = excluded.quarantined_at`,
      ),
      release: db.prepare('DELETE FROM outbox_quarantine WHERE calendar_id = ? AND event_id = ?'),
      list: db.prepare(
        `SELECT q.calendar_id, q.event_id, q.op, q.error, q.quarantined_at,
                (SELECT e.title FROM events e WHERE e.calendar_id = q.calendar_id AND e.id = q.event_id LIMIT 1) AS title
         FROM outbox_quarantine q ORDER BY q.quarantined_at DESC, q.calendar_id, q.event_id LIMIT ?`,
      ),
      clear: db.prepare('DELETE FROM outbox_quarantine'),
    };
  }

  /** Moves the change out of the outbox into quarantine; false when the outbox holds a newer revision (nothing moved). */
  take(key: QuarantineKey, error: string, now: number): boolean {
    return this.db
      .transaction(() => {
        if (this.stmts.unqueue.run(key.calendarId, key.eventId, key.rev).changes === 0) return false;
        this.stmts.put.run(key.calendarId, key.eventId, key.op, error, now);
        return true;
      })
      .immediate();
  }

  /** The workspace took these keys: whatever was quarantined for them is over. Call inside the ack's transaction. */
  release(keys: ReadonlyArray<{ calendarId: string; eventId: string }>): void {
    if ((this.stmts.any.get() as { n: number }).n === 0) return;
    for (const k of keys) this.stmts.release.run(k.calendarId, k.eventId);
  }

  count(): number {
    return (this.stmts.count.get() as { n: number }).n;
  }

  /** The most recent first. */
  list(limit: number): QuarantinedChange[] {
    return (this.stmts.list.all(limit) as Row[]).map((r) => ({
      calendarId: r.calendar_id,
      eventId: r.event_id,
      title: r.title,
      op: r.op,
      error: r.error,
      at: new Date(r.quarantined_at).toISOString(),
    }));
  }

  clear(): void {
    this.stmts.clear.run();
  }
}
