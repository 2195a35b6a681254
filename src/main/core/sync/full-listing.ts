// The periodic full listing of a calendar, decided without touching anything.
//
// Incremental syncs only hear of what Google reports as changed, and Google
// does not report everything: a recurring series deleted under
// singleEvents=true yields cancelled instances for about six months ahead
// only, and tombstones expire. So each calendar is listed in full now and then
// and whatever that listing no longer contains is swept. The listings are
// spread out — a calendar is due a week after its last one plus a stable
// per-calendar offset, and a run does at most a few — so no run lists
// everything at once.
//
// The sweep is guarded the way vdirsyncer guards an empty storage: a listing
// that comes back empty, or without more than half the rows of a calendar
// that had hundreds, deletes nothing until a second listing agrees.

export interface FullListingSchedule {
  intervalMs: number;
  /** Width of the per-calendar offset added to the interval. */
  spreadMs: number;
  perRun: number;
}

export interface ListedCalendar {
  accountId: string;
  id: string;
  enabled: boolean;
  hasSyncToken: boolean;
  fullListedAt: number | null;
  sweepHeldAt: number | null;
}

/** Below this many rows a big drop is an ordinary week of deletions, not a suspicious listing. */
export const GUARD_MIN_ROWS = 100;

export const calendarKey = (accountId: string, id: string): string => `${accountId}\n${id}`;

/** FNV-1a of the calendar's key: the same offset on every run and every device. */
export function calendarOffsetMs(accountId: string, id: string, spreadMs: number): number {
  let h = 0x811c9dc5;
  for (const ch of calendarKey(accountId, id)) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return spreadMs <= 0 ? 0 : h % spreadMs;
}

/** When the calendar's next full listing is due: at once after a held sweep (to confirm it), else a week and its offset after the last. */
export function fullListingDueAt(c: ListedCalendar, s: FullListingSchedule): number {
  if (c.sweepHeldAt !== null) return c.sweepHeldAt;
  if (c.fullListedAt === null) return 0;
  return c.fullListedAt + s.intervalMs + calendarOffsetMs(c.accountId, c.id, s.spreadMs);
}

/**
 * The calendars whose incremental sync this run replaces with a full listing:
 * enabled ones with a sync token (the rest get a full sync anyway) that are
 * due, most overdue first, at most `perRun`.
 */
export function pickFullListings(cals: ListedCalendar[], now: number, s: FullListingSchedule): Set<string> {
  const due = cals
    .filter((c) => c.enabled && c.hasSyncToken)
    .map((c) => ({ key: calendarKey(c.accountId, c.id), at: fullListingDueAt(c, s) }))
    .filter((c) => c.at <= now)
    .sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return new Set(due.slice(0, Math.max(0, s.perRun)).map((c) => c.key));
}

/** A listing that would delete this much looks like a failure of the listing rather than of the calendar. */
export function suspiciousSweep(seen: number, unseen: number): boolean {
  if (unseen === 0) return false;
  if (seen === 0) return true;
  const total = seen + unseen;
  return total >= GUARD_MIN_ROWS && unseen * 2 > total;
}

/** Sweep, or hold the sweep until a second listing agrees (`held`: the previous listing was held). */
export function sweepVerdict(seen: number, unseen: number, held: boolean): 'sweep' | 'hold' {
  return suspiciousSweep(seen, unseen) && !held ? 'hold' : 'sweep';
}
