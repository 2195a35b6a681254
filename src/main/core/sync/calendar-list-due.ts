// Whether a sync run lists the account's calendars first. The list rarely
// changes, and listing it costs a round trip before any calendar can sync, so
// it is fetched only when due: never listed (new account, rebuilt cache), a
// full sync asked for, the interval passed, or the last run saw a sign that
// it changed (a calendar's sync token gone, a calendar failing: removed, or
// its access changed).
import type { RunCalendar, SyncKind } from '../../../shared/domain';

/** kv key: when the account's calendar list was last fetched (epoch ms). */
export const listedAtKey = (accountId: string): string => `calendars.listedAt:${accountId}`;

export interface ListDueInput {
  listedAt: number | null;
  now: number;
  intervalMs: number;
  /** `sync --full`: everything is listed again, the calendars too. */
  full: boolean;
  /** Calendars the cache knows for the account. */
  known: number;
}

export function calendarListDue(p: ListDueInput): boolean {
  if (p.full || p.listedAt === null || p.known === 0) return true;
  if (p.now < p.listedAt) return true; // the clock went back: the stamp says nothing
  return p.now - p.listedAt >= p.intervalMs;
}

/**
 * After the account's calendars synced: whether the list should be fetched at
 * the next run. `planned` is the kind each calendar was to sync with; one
 * that ended as a full sync met a 410 (its token gone), one that failed may
 * be gone or no longer shared.
 */
export function listLooksStale(results: readonly RunCalendar[], planned: ReadonlyMap<string, SyncKind>): boolean {
  return results.some(
    (r) => r.status === 'failed' || (planned.get(r.calendarId) === 'incremental' && r.kind === 'full'),
  );
}
