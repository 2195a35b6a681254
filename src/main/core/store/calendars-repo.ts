import type { CalendarInfo } from '../../../shared/domain';
import { blocksTimeByDefault } from './busy-calendars-schema';
import type { Db } from './database';
import { prepared } from './statement-cache';
import type { EventsRepo } from './events-repo';
import type { OutboxWriter } from './outbox-writer';

interface CalendarRow {
  account_id: string;
  email: string;
  id: string;
  summary: string;
  time_zone: string | null;
  access_role: string;
  is_primary: number;
  color: string | null;
  enabled: number;
  blocks_time: number;
  sync_token: string | null;
  last_synced_at: number | null;
  last_error: string | null;
  full_listed_at: number | null;
  sweep_held_at: number | null;
}

export interface CalendarRecord extends CalendarInfo {
  syncToken: string | null;
  /** Start of the last full listing whose sweep ran (ms). */
  fullListedAt: number | null;
  /** A full listing's sweep was held as suspicious at this time (ms); the next run lists again. */
  sweepHeldAt: number | null;
}

export interface RemoteCalendar {
  id: string;
  summary: string;
  timeZone: string | null;
  accessRole: string;
  primary: boolean;
  color: string | null;
}

const toRecord = (r: CalendarRow): CalendarRecord => ({
  accountId: r.account_id,
  account: r.email,
  id: r.id,
  summary: r.summary,
  timeZone: r.time_zone,
  accessRole: r.access_role,
  primary: r.is_primary === 1,
  color: r.color,
  enabled: r.enabled === 1,
  blocksTime: r.blocks_time === 1,
  hasSyncToken: r.sync_token !== null,
  syncToken: r.sync_token,
  lastSyncedAt: r.last_synced_at === null ? null : new Date(r.last_synced_at).toISOString(),
  lastError: r.last_error,
  fullListedAt: r.full_listed_at ?? null,
  sweepHeldAt: r.sweep_held_at ?? null,
});

/** What the API shows of a calendar: no token, no sync bookkeeping. */
export const toCalendarInfo = ({
  syncToken: _t,
  fullListedAt: _f,
  sweepHeldAt: _h,
  ...info
}: CalendarRecord): CalendarInfo => info;

const SELECT = 'SELECT c.*, a.email FROM calendars c JOIN accounts a ON a.id = c.account_id';

export class CalendarsRepo {
  constructor(
    private readonly db: Db,
    private readonly events: EventsRepo,
    private readonly outbox: OutboxWriter,
  ) {}

  list(accountId?: string): CalendarRecord[] {
    const rows = accountId
      ? prepared(this.db, `${SELECT} WHERE c.account_id = ? ORDER BY c.is_primary DESC, c.summary`).all(accountId)
      : prepared(this.db, `${SELECT} ORDER BY a.email, c.is_primary DESC, c.summary`).all();
    return (rows as CalendarRow[]).map(toRecord);
  }

  get(accountId: string, id: string): CalendarRecord | null {
    const row = prepared(this.db, `${SELECT} WHERE c.account_id = ? AND c.id = ?`).get(accountId, id) as
      CalendarRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** Calendars with this Google id across accounts (a shared calendar can appear in two). */
  findById(id: string): CalendarRecord[] {
    return (prepared(this.db, `${SELECT} WHERE c.id = ?`).all(id) as CalendarRow[]).map(toRecord);
  }

  /**
   * Mirrors the account's calendarList: new calendars arrive enabled and
   * blocking time by default (`blocksTimeByDefault`), known ones keep the
   * user's choices, and calendars gone from the list leave with their events.
   */
  replaceForAccount(accountId: string, remote: RemoteCalendar[]): { added: string[]; removed: string[] } {
    const known = new Map(this.list(accountId).map((c) => [c.id, c.color]));
    const upsert = prepared(
      this.db,
      `INSERT INTO calendars (account_id, id, summary, time_zone, access_role, is_primary, color, enabled, blocks_time)
       VALUES (@accountId, @id, @summary, @timeZone, @accessRole, @primary, @color, 1, @blocksTime)
       ON CONFLICT(account_id, id) DO UPDATE SET summary = excluded.summary, time_zone = excluded.time_zone,
         access_role = excluded.access_role, is_primary = excluded.is_primary, color = excluded.color`,
    );
    const added: string[] = [];
    const seen = new Set<string>();
    this.db.transaction(() => {
      for (const c of remote) {
        seen.add(c.id);
        if (!known.has(c.id)) added.push(c.id);
        upsert.run({ accountId, ...c, primary: c.primary ? 1 : 0, blocksTime: blocksTimeByDefault(c) ? 1 : 0 });
        // The workspace rows carry the calendar's colour.
        if (known.has(c.id) && known.get(c.id) !== c.color) this.events.requeueCalendar(accountId, c.id);
      }
      for (const id of known.keys()) if (!seen.has(id)) this.remove(accountId, id);
    })();
    return { added, removed: [...known.keys()].filter((id) => !seen.has(id)) };
  }

  /** The calendar copy leaves the cache with its events (withdrawn: this device no longer syncs it). Runs in the caller's transaction. */
  remove(accountId: string, id: string): void {
    this.events.withdrawCalendar(accountId, id);
    prepared(this.db, 'DELETE FROM calendars WHERE account_id = ? AND id = ?').run(accountId, id);
    this.outbox.calendarLeft(id);
  }

  setEnabled(accountId: string, id: string, enabled: boolean): void {
    // Re-enabling starts from a full sync: the events were dropped while disabled.
    this.db.transaction(() => {
      prepared(
        this.db,
        'UPDATE calendars SET enabled = ?, sync_token = CASE WHEN ? THEN sync_token ELSE NULL END WHERE account_id = ? AND id = ?',
      ).run(enabled ? 1 : 0, enabled ? 1 : 0, accountId, id);
      if (!enabled) this.events.withdrawCalendar(accountId, id);
    })();
  }

  /** Whether the calendar's events are busy time for the planner; its events stay cached either way. */
  setBlocksTime(accountId: string, id: string, blocksTime: boolean): void {
    prepared(this.db, 'UPDATE calendars SET blocks_time = ? WHERE account_id = ? AND id = ?').run(
      blocksTime ? 1 : 0,
      accountId,
      id,
    );
  }

  setSyncToken(accountId: string, id: string, token: string | null, syncedAt: number | null): void {
    prepared(
      this.db,
      'UPDATE calendars SET sync_token = ?, last_synced_at = COALESCE(?, last_synced_at), last_error = NULL WHERE account_id = ? AND id = ?',
    ).run(token, syncedAt, accountId, id);
  }

  /** After a full listing's last page: its sweep ran (`listedAt`, hold cleared) or was held (`heldAt`). */
  setFullListing(accountId: string, id: string, outcome: { listedAt: number } | { heldAt: number }): void {
    if ('listedAt' in outcome)
      prepared(
        this.db,
        'UPDATE calendars SET full_listed_at = ?, sweep_held_at = NULL WHERE account_id = ? AND id = ?',
      ).run(outcome.listedAt, accountId, id);
    else
      prepared(this.db, 'UPDATE calendars SET sweep_held_at = ? WHERE account_id = ? AND id = ?').run(
        outcome.heldAt,
        accountId,
        id,
      );
  }

  setError(accountId: string, id: string, error: string | null): void {
    prepared(this.db, 'UPDATE calendars SET last_error = ? WHERE account_id = ? AND id = ?').run(error, accountId, id);
  }
}
