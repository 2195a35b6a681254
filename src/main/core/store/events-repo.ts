import type { CachedEvent } from '../../../shared/domain';
import type { Statement } from 'better-sqlite3';
import type { Db } from './database';
import type { EventRow } from './event-row';
import type { OutboxWriter } from './outbox-writer';

export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged';

interface StoredRow {
  account_id: string;
  email: string;
  calendar_id: string;
  id: string;
  ical_uid: string | null;
  recurring_event_id: string | null;
  original_start: string | null;
  status: 'confirmed' | 'tentative';
  title: string;
  description: string | null;
  location: string | null;
  all_day: number;
  start_ms: number | null;
  end_ms: number | null;
  start_date: string | null;
  end_date: string | null;
  time_zone: string | null;
  end_time_unspecified: number;
  transparency: 'opaque' | 'transparent';
  event_type: string;
  self_response: CachedEvent['selfResponse'];
  updated: string | null;
  etag: string | null;
  calsync_task_id: string | null;
  calsync_proposal_id: string | null;
}

export interface EventQuery {
  accountId?: string;
  calendarId?: string;
  fromMs?: number;
  toMs?: number;
  limit?: number;
}

/** One cached event's etag and the content a write over it must not overwrite unseen. */
export interface CachedVersion {
  etag: string | null;
  title: string;
  startMs: number | null;
  endMs: number | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function toCachedEvent(r: StoredRow): CachedEvent {
  return {
    account: r.email,
    accountId: r.account_id,
    calendarId: r.calendar_id,
    id: r.id,
    iCalUID: r.ical_uid,
    status: r.status,
    title: r.title,
    description: r.description,
    location: r.location,
    allDay: r.all_day === 1,
    start: iso(r.start_ms),
    end: iso(r.end_ms),
    startDate: r.start_date,
    endDate: r.end_date,
    timeZone: r.time_zone,
    endTimeUnspecified: r.end_time_unspecified === 1,
    recurringEventId: r.recurring_event_id,
    originalStartTime: r.original_start,
    transparency: r.transparency,
    eventType: r.event_type,
    selfResponse: r.self_response,
    updated: r.updated,
    etag: r.etag,
    calsync:
      r.calsync_task_id && r.calsync_proposal_id
        ? { taskId: r.calsync_task_id, proposalId: r.calsync_proposal_id }
        : null,
  };
}

/**
 * Runs an insert or update whose parameters are the content columns in the
 * statements' column list, then gen, account, calendar and id. Each value is
 * passed as its own argument: building an array and spreading it cost an
 * allocation per row, which a 100,000-event full sync feels as garbage.
 */
function runWithRow(stmt: Statement, e: EventRow, gen: number | null, accountId: string, calendarId: string): number {
  return stmt.run(
    e.iCalUID,
    e.recurringEventId,
    e.originalStart,
    e.status,
    e.title,
    e.description,
    e.location,
    e.allDay ? 1 : 0,
    e.startMs,
    e.endMs,
    e.startDate,
    e.endDate,
    e.timeZone,
    e.transparency,
    e.eventType,
    e.selfResponse,
    e.updated,
    e.etag,
    e.calsyncTaskId,
    e.calsyncProposalId,
    e.colorId,
    e.endTimeUnspecified ? 1 : 0,
    e.calsyncMirrorRule ?? null,
    gen,
    accountId,
    calendarId,
    e.id,
  ).changes;
}

/**
 * The only writer of `events` (tests/main/core/store/events-writers.test.ts
 * holds every other file to that): each change writes its outbox row through
 * `outbox` in the same transaction, and each delete says its cause — "gone"
 * (Google deleted the event) or "withdrawn" (this device stopped syncing the
 * calendar) — where it happens.
 */
export class EventsRepo {
  private readonly stmts;

  constructor(
    private readonly db: Db,
    private readonly outbox: OutboxWriter,
  ) {
    const cols = `ical_uid, recurring_event_id, original_start, status, title, description, location, all_day,
      start_ms, end_ms, start_date, end_date, time_zone, transparency, event_type, self_response, updated, etag,
      calsync_task_id, calsync_proposal_id, color_id, end_time_unspecified, calsync_mirror_rule`;
    const slots = Array.from({ length: 23 }, () => '?').join(', ');
    this.stmts = {
      etag: db.prepare('SELECT etag, updated FROM events WHERE account_id = ? AND calendar_id = ? AND id = ?'),
      // Positional parameters: binding by name costs a property lookup per column per row.
      insert: db.prepare(
        `INSERT INTO events (${cols}, full_sync_gen, account_id, calendar_id, id) VALUES (${slots}, ?, ?, ?, ?)`,
      ),
      // A full pass into an empty calendar: the key is new unless this listing (or another writer meanwhile) wrote it.
      insertNew: db.prepare(
        `INSERT INTO events (${cols}, full_sync_gen, account_id, calendar_id, id) VALUES (${slots}, ?, ?, ?, ?)
         ON CONFLICT (account_id, calendar_id, id) DO NOTHING`,
      ),
      update: db.prepare(
        `UPDATE events SET (${cols}, full_sync_gen) = (${slots}, COALESCE(?, full_sync_gen)) WHERE account_id = ? AND calendar_id = ? AND id = ?`,
      ),
      touch: db.prepare('UPDATE events SET full_sync_gen = ? WHERE account_id = ? AND calendar_id = ? AND id = ?'),
      // RETURNING: the outbox's delete carries the last cached version of each row.
      deleteOne: db.prepare(
        'DELETE FROM events WHERE account_id = ? AND calendar_id = ? AND id = ? RETURNING id, updated',
      ),
      deleteSeries: db.prepare(
        'DELETE FROM events WHERE account_id = ? AND calendar_id = ? AND recurring_event_id = ? RETURNING id, updated',
      ),
      sweep: db.prepare(
        'DELETE FROM events WHERE account_id = ? AND calendar_id = ? AND (full_sync_gen IS NULL OR full_sync_gen <> ?) RETURNING id, updated',
      ),
      withdraw: db.prepare('DELETE FROM events WHERE account_id = ? AND calendar_id = ? RETURNING id, updated'),
      ids: db.prepare('SELECT id FROM events WHERE account_id = ? AND calendar_id = ?'),
      any: db.prepare('SELECT 1 FROM events WHERE account_id = ? AND calendar_id = ? LIMIT 1'),
      seen: db.prepare(
        'SELECT count(*) AS total, count(*) FILTER (WHERE full_sync_gen = ?) AS seen FROM events WHERE account_id = ? AND calendar_id = ?',
      ),
    };
  }

  /**
   * Whether changes are queued for a workspace now. A caller writing many
   * events in one transaction reads it once and passes it as `queue` to
   * insert/upsert: with no workspace the outbox would look up and write
   * nothing for each of them, at one query per row.
   */
  queuing(): boolean {
    return this.outbox.armed();
  }

  /** `queue`: false only when queuing() said so in this same transaction. */
  insert(accountId: string, calendarId: string, e: EventRow, gen: number | null, queue = true): void {
    runWithRow(this.stmts.insert, e, gen, accountId, calendarId);
    if (queue) this.outbox.upserted(accountId, calendarId, e.id, 'inserted');
  }

  /**
   * Inserts the event when its key is not cached yet, with no lookup first:
   * false (and nothing written) when it is. A full pass into an empty
   * calendar writes nearly every event this way, and only an id seen twice
   * goes on to upsert().
   */
  insertNew(accountId: string, calendarId: string, e: EventRow, gen: number | null, queue = true): boolean {
    if (runWithRow(this.stmts.insertNew, e, gen, accountId, calendarId) === 0) return false;
    if (queue) this.outbox.upserted(accountId, calendarId, e.id, 'inserted');
    return true;
  }

  /**
   * Writes one event. `gen` marks it as seen by a full sync in progress; an
   * unchanged etag skips the write so a re-sync of a big calendar stays cheap.
   */
  upsert(accountId: string, calendarId: string, e: EventRow, gen: number | null, queue = true): UpsertOutcome {
    const prev = this.stmts.etag.get(accountId, calendarId, e.id) as
      { etag: string | null; updated: string | null } | undefined;
    if (!prev) {
      this.insert(accountId, calendarId, e, gen, queue);
      return 'inserted';
    }
    if (prev.etag !== null && prev.etag === e.etag && prev.updated === e.updated) {
      if (gen !== null) this.stmts.touch.run(gen, accountId, calendarId, e.id);
      return 'unchanged';
    }
    runWithRow(this.stmts.update, e, gen, accountId, calendarId);
    if (queue) this.outbox.upserted(accountId, calendarId, e.id, 'updated');
    return 'updated';
  }

  /**
   * A cancelled id removes that event and, if it was a series, all its
   * instances: gone at Google. `cancelledAt`: the cancellation's own
   * `updated`, a newer version for the workspace's tombstone.
   */
  deleteCancelled(accountId: string, calendarId: string, id: string, cancelledAt: string | null = null): number {
    const n =
      this.deleted(accountId, calendarId, this.stmts.deleteOne.all(accountId, calendarId, id), 'gone') +
      this.deleted(accountId, calendarId, this.stmts.deleteSeries.all(accountId, calendarId, id), 'gone');
    if (cancelledAt) this.outbox.cancelledAt(calendarId, id, cancelledAt);
    return n;
  }

  /** After the last page of a full sync: whatever that listing did not contain is gone on the server. */
  sweepUnseen(accountId: string, calendarId: string, gen: number): number {
    return this.deleted(accountId, calendarId, this.stmts.sweep.all(accountId, calendarId, gen), 'gone');
  }

  /** This device stops syncing the calendar (disabled, gone from the account's list, account removed): its events leave the cache, withdrawn. */
  withdrawCalendar(accountId: string, calendarId: string): number {
    return this.deleted(accountId, calendarId, this.stmts.withdraw.all(accountId, calendarId), 'withdrawn');
  }

  /** Queues every cached event of the calendar copy again (its colour, carried by the workspace rows, changed). */
  requeueCalendar(accountId: string, calendarId: string): void {
    if (!this.outbox.armed()) return;
    for (const r of this.stmts.ids.all(accountId, calendarId) as Array<{ id: string }>)
      this.outbox.upserted(accountId, calendarId, r.id, 'updated');
  }

  private deleted(accountId: string, calendarId: string, rows: unknown[], cause: 'gone' | 'withdrawn'): number {
    for (const r of rows as Array<{ id: string; updated: string | null }>)
      this.outbox.deleted(accountId, calendarId, r.id, r.updated, cause);
    return rows.length;
  }

  /** How many rows a full listing in progress has seen, and how many it has not (yet). */
  seenByListing(accountId: string, calendarId: string, gen: number): { seen: number; unseen: number } {
    const r = this.stmts.seen.get(gen, accountId, calendarId) as { total: number; seen: number };
    return { seen: r.seen, unseen: r.total - r.seen };
  }

  list(q: EventQuery = {}): CachedEvent[] {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (q.accountId) {
      where.push('e.account_id = @accountId');
      params.accountId = q.accountId;
    }
    if (q.calendarId) {
      where.push('e.calendar_id = @calendarId');
      params.calendarId = q.calendarId;
    }
    if (q.limit) params.limit = q.limit;
    const select = (conds: string[]) => `SELECT e.*, a.email FROM events e JOIN accounts a ON a.id = e.account_id
      ${conds.length ? `WHERE ${conds.join(' AND ')}` : ''}`;
    const order = (
      e: string,
    ) => `ORDER BY COALESCE(${e}start_ms, unixepoch(${e}start_date) * 1000), ${e}calendar_id, ${e}id
      ${q.limit ? 'LIMIT @limit' : ''}`;
    // All-day events are dates; compare them by date with a day of slack either
    // side, since their instant depends on the viewer's zone: the day after the
    // window's last UTC date has begun in UTC+14 once `to` is past 10:00 UTC.
    if (q.fromMs !== undefined) Object.assign(params, { fromMs: q.fromMs, fromDate: isoDate(q.fromMs - 86_400_000) });
    if (q.toMs !== undefined) Object.assign(params, { toMs: q.toMs, toDate: isoDate(q.toMs + 86_400_000) });
    let sql: string;
    if (q.fromMs !== undefined && q.toMs !== undefined) {
      // A window (the Plan page's week): timed and all-day events apart, each
      // through its index by end then start (schema step 13), so only the
      // events ending after `from` are looked at, in the index, not the table.
      sql = `SELECT * FROM (${select([...where, 'e.end_ms > @fromMs', 'e.start_ms < @toMs'])}
        UNION ALL ${select([...where, 'e.all_day = 1', 'e.end_date > @fromDate', 'e.start_date <= @toDate'])})
        ${order('')}`;
    } else {
      if (q.fromMs !== undefined) where.push('(e.end_ms > @fromMs OR (e.all_day = 1 AND e.end_date > @fromDate))');
      if (q.toMs !== undefined) where.push('(e.start_ms < @toMs OR (e.all_day = 1 AND e.start_date <= @toDate))');
      sql = `${select(where)} ${order('e.')}`;
    }
    return (this.db.prepare(sql).all(params) as StoredRow[]).map(toCachedEvent);
  }

  /**
   * Whether the calendar has no cached event: one probe of the primary key.
   * (count() with its optional filters scans the whole table, which a full
   * sync paid once per calendar, more the more events were already synced.)
   */
  isEmpty(accountId: string, calendarId: string): boolean {
    return this.stmts.any.get(accountId, calendarId) === undefined;
  }

  count(accountId?: string, calendarId?: string): number {
    const row = this.db
      .prepare(
        'SELECT count(*) AS n FROM events WHERE (@a IS NULL OR account_id = @a) AND (@c IS NULL OR calendar_id = @c)',
      )
      .get({ a: accountId ?? null, c: calendarId ?? null }) as { n: number };
    return row.n;
  }

  /** The cached version of one event: what a write over it is guarded by (null when the calendar is not cached). */
  version(accountId: string, calendarId: string, id: string): CachedVersion | null {
    const r = this.db
      .prepare('SELECT etag, title, start_ms, end_ms FROM events WHERE account_id = ? AND calendar_id = ? AND id = ?')
      .get(accountId, calendarId, id) as
      { etag: string | null; title: string; start_ms: number | null; end_ms: number | null } | undefined;
    return r ? { etag: r.etag, title: r.title, startMs: r.start_ms, endMs: r.end_ms } : null;
  }
}
