// In-memory shape of calendars and events. Every write gets a number from one
// global sequence and is appended to its calendar's change log; listings walk
// the log, so a page costs O(page), not O(calendar).
import type { GoogleEvent, GoogleEventDateTime } from '../types';
import type { Occurrence } from './recurrence';

export interface StoredEvent {
  /** The resource as Google stores it; recurring masters keep `recurrence`. */
  ev: GoogleEvent;
  /** Sequence number of the last write; a log entry with another number is stale. */
  seq: number;
  /** Instances a reschedule of this master removed: id → originalStartTime. Listed as cancelled instances. */
  removed?: Map<string, GoogleEventDateTime>;
  /** Cached expansion for `seq`. */
  expansion?: { seq: number; items: Occurrence[] };
  /** When a delete made this event a tombstone (cancelled); tombstones expire (see EventStore.purge). */
  deletedMs?: number;
}

export interface CalendarRecord {
  id: string;
  summary: string;
  /** Absent unless set; a primary calendar has "" (events_list.json shows it so). */
  description?: string;
  timeZone: string;
  colorId: string;
  backgroundColor: string;
  foregroundColor: string;
  defaultReminders: Array<{ method: string; minutes: number }>;
  /** Last write to the calendar or any of its events. */
  updatedMs: number;
  seq: number;
  /** Sync-token generation; invalidateSyncTokens bumps it and older tokens get 410. */
  epoch: number;
  events: Map<string, StoredEvent>;
  /** Change log, sorted by seq: parallel arrays keep it compact for 100k events. */
  logSeq: number[];
  logId: string[];
  /** Recurring master id → ids of its stored exceptions (moved or cancelled instances). */
  exceptions: Map<string, Set<string>>;
  /** Ids of deleted events whose tombstones can expire, by deletion time. */
  tombstones: Map<string, number>;
  /** Highest write seq among expired (purged) tombstones: older sync tokens would miss a deletion, so they get 410. */
  purgedSeq: number;
}

export interface Subscription {
  calendarId: string;
  accessRole: string;
  primary: boolean;
  hidden: boolean;
  selected: boolean;
  colorId: string;
  backgroundColor: string;
  foregroundColor: string;
  defaultReminders: Array<{ method: string; minutes: number }>;
  seq: number;
  updatedMs: number;
}

/** The one counter all writes draw from. */
export class Sequence {
  private value = 0;
  next(): number {
    this.value += 1;
    return this.value;
  }
  get current(): number {
    return this.value;
  }
}

export function appendLog(cal: CalendarRecord, seq: number, id: string): void {
  cal.logSeq.push(seq);
  cal.logId.push(id);
  // Drop stale entries now and then; cursors hold seq numbers, not indexes, so this is safe.
  if (cal.logSeq.length > 2 * cal.events.size + 1024) {
    const seqs: number[] = [];
    const ids: string[] = [];
    cal.logSeq.forEach((s, i) => {
      const eid = cal.logId[i] as string;
      if (cal.events.get(eid)?.seq === s) {
        seqs.push(s);
        ids.push(eid);
      }
    });
    cal.logSeq = seqs;
    cal.logId = ids;
  }
}

/** Index of the first log entry with seq >= `seq`. */
export function lowerBound(arr: number[], seq: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((arr[mid] as number) < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
