// Writes the outbox row of a cache change, in the caller's transaction (the
// transactional outbox, DESIGN.md §4): the repositories call it right after
// they change an event, so the change and its row commit or roll back
// together. It gathers the facts — is a workspace connected, what is queued
// for the key now, does another account cache the same event — and lets the
// pure rules of outbox-rules.ts decide. With no workspace connected it costs
// one lookup of a one-row table and writes nothing.
//
// Keys are (calendar number, event id): Google calendar ids run to 60+
// characters, and a random-order insert into a b-tree of long keys is most of
// what queuing a row costs (about a third as much with the short key).
import type { Db } from './database';
import { nextRow, type CacheChange, type DeleteCause, type QueuedRow } from './outbox-rules';

interface Current {
  no: number | null;
  account_id: string | null;
  op: 'upsert' | 'delete' | null;
  version: string | null;
  withdrawn: number | null;
  rev: number | null;
  unsent: number | null;
}

export class OutboxWriter {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      armed: db.prepare('SELECT 1 FROM outbox_state WHERE id = 1'),
      current: db.prepare(
        `SELECT c.no, o.account_id, o.op, o.version, o.withdrawn, o.rev, o.unsent
         FROM outbox_state s LEFT JOIN outbox_calendars c ON c.calendar_id = ? LEFT JOIN outbox o ON o.calendar_no = c.no AND o.event_id = ?
         WHERE s.id = 1`,
      ),
      number: db.prepare(
        'INSERT INTO outbox_calendars (calendar_id) VALUES (?) ON CONFLICT (calendar_id) DO UPDATE SET calendar_id = excluded.calendar_id RETURNING no',
      ),
      put: db.prepare(
        `INSERT INTO outbox (calendar_no, event_id, account_id, op, version, withdrawn, rev, unsent, attempts, last_error)
         VALUES (@no, @id, @accountId, @op, @version, @withdrawn, @rev, @unsent, 0, NULL)
         ON CONFLICT (calendar_no, event_id) DO UPDATE SET account_id = excluded.account_id, op = excluded.op, version = excluded.version,
           withdrawn = excluded.withdrawn, unsent = excluded.unsent,
           attempts = CASE WHEN outbox.rev = excluded.rev THEN outbox.attempts ELSE 0 END,
           last_error = CASE WHEN outbox.rev = excluded.rev THEN outbox.last_error END,
           rev = excluded.rev`,
      ),
      drop: db.prepare('DELETE FROM outbox WHERE calendar_no = ? AND event_id = ?'),
      cached: db.prepare(
        'SELECT 1 FROM events WHERE calendar_id = ? AND id = ? AND account_id IN (SELECT account_id FROM calendars WHERE id = ?)',
      ),
      // By account: the events' primary key starts with it (a lookup per account, not a scan of the table).
      otherCopy: db.prepare(
        'SELECT account_id FROM events WHERE account_id IN (SELECT id FROM accounts WHERE id <> @acc) AND calendar_id = @c AND id = @id LIMIT 1',
      ),
      disconnected: db.prepare('SELECT 1 FROM outbox_disconnected WHERE id = 1'),
      copies: db.prepare('SELECT 1 FROM calendars WHERE id = ? LIMIT 1'),
      departed: db.prepare(
        "INSERT OR IGNORE INTO outbox_departed (calendar_id, departed_at) VALUES (?, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))",
      ),
    };
  }

  /** A workspace is connected: changes are queued. */
  armed(): boolean {
    return this.stmts.armed.get() !== undefined;
  }

  /** An event copy was inserted, or its content changed. */
  upserted(accountId: string, calendarId: string, eventId: string, kind: 'inserted' | 'updated'): void {
    this.apply(calendarId, eventId, { kind, accountId });
  }

  /** An event copy was deleted (call after the delete, so another copy is what is left). */
  deleted(accountId: string, calendarId: string, eventId: string, version: string | null, cause: DeleteCause): void {
    this.apply(calendarId, eventId, () => {
      const other = this.stmts.otherCopy.get({ acc: accountId, c: calendarId, id: eventId }) as
        { account_id: string } | undefined;
      return { kind: 'deleted', accountId, version, cause, otherCopy: other?.account_id ?? null };
    });
  }

  /** A cancellation carried Google's `updated`: the queued delete is about that version. */
  cancelledAt(calendarId: string, eventId: string, version: string): void {
    this.apply(calendarId, eventId, { kind: 'cancelled-at', version });
  }

  /**
   * The reconcile found a live workspace row the cache has no copy of: queue
   * its delete (checked against the cache in the caller's transaction, so an
   * event that arrives later turns it into an upsert). True when a row changed.
   */
  absent(calendarId: string, eventId: string, accountId: string, version: string, cause: DeleteCause): boolean {
    if (this.stmts.cached.get(calendarId, eventId, calendarId)) return false;
    return this.apply(calendarId, eventId, { kind: 'absent', accountId, version, cause });
  }

  /**
   * A calendar left the cache (every copy) while no workspace is connected
   * but one was before: remember its id, so the reconcile after reconnecting
   * can withdraw what this device had pushed of it.
   */
  calendarLeft(calendarId: string): void {
    if (!this.stmts.disconnected.get() || this.stmts.copies.get(calendarId)) return;
    this.stmts.departed.run(calendarId);
  }

  /** True when the key's row changed. */
  private apply(calendarId: string, eventId: string, change: CacheChange | (() => CacheChange)): boolean {
    const cur = this.stmts.current.get(calendarId, eventId) as Current | undefined;
    if (!cur) return false; // no workspace: nothing is queued
    const prev: QueuedRow | null =
      cur.op === null
        ? null
        : {
            accountId: cur.account_id!,
            op: cur.op,
            version: cur.version,
            withdrawn: cur.withdrawn === 1,
            rev: cur.rev!,
            unsent: cur.unsent === 1,
          };
    const next = nextRow(prev, typeof change === 'function' ? change() : change);
    if (next === prev) return false;
    const no = cur.no ?? (this.stmts.number.get(calendarId) as { no: number }).no;
    if (next === null) return this.stmts.drop.run(no, eventId).changes > 0;
    this.stmts.put.run({
      no,
      id: eventId,
      accountId: next.accountId,
      op: next.op,
      version: next.version,
      withdrawn: next.withdrawn ? 1 : 0,
      rev: next.rev,
      unsent: next.unsent ? 1 : 0,
    });
    return true;
  }
}
