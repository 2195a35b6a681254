// The events.list engine. It walks the calendar's change log from a cursor and
// turns each live entry into "slots": one per event, or one per instance (plus
// instances a reschedule removed) for a master under singleEvents=true. A slot
// is null when filtered out, so slot positions stay stable while paging even if
// exceptions appear in between.
import type { GoogleEvent } from '../types';
import { eventBounds } from './event-model';
import type { EventStore } from './event-store';
import { lowerBound, type CalendarRecord, type StoredEvent } from './model';
import { isRecurringMaster } from './recurrence';
import { cancelled, freeBusyView, instanceOf, removedInstance } from './views';

export interface ViewQuery {
  singleEvents: boolean;
  showDeleted: boolean;
  /** A syncToken listing: every change, deletions as minimal tombstones. */
  incremental: boolean;
  timeMin?: number;
  timeMax?: number;
  updatedMin?: number;
  match: (ev: GoogleEvent) => boolean;
  /** freeBusyReader: times only. */
  limited: boolean;
}

export interface Cursor {
  seq: number;
  idx: number;
}

const overlaps = (start: number, end: number, q: ViewQuery) =>
  (q.timeMin === undefined || end > q.timeMin) && (q.timeMax === undefined || start < q.timeMax);

function finish(ev: GoogleEvent, q: ViewQuery, isCancelled: boolean): GoogleEvent | null {
  if (!q.match(ev)) return null;
  if (q.updatedMin !== undefined && Date.parse(ev.updated ?? '') < q.updatedMin) return null;
  if (isCancelled) return cancelled(ev, q.incremental);
  return q.limited ? freeBusyView(ev) : ev;
}

export function slotsFor(
  store: EventStore,
  cal: CalendarRecord,
  s: StoredEvent,
  q: ViewQuery,
): Array<GoogleEvent | null> {
  const ev = s.ev;
  const isCancelled = ev.status === 'cancelled';
  // Deletions always reach incremental and updatedMin listings, whatever showDeleted says.
  const withDeleted = q.incremental || q.showDeleted || q.updatedMin !== undefined;
  if (isRecurringMaster(ev) && q.singleEvents) {
    const exceptions = cal.exceptions.get(ev.id as string);
    // A deleted series leaves cancelled instances only for a window after the delete, and no master tombstone.
    const lastCancelled = isCancelled
      ? (s.deletedMs ?? Number.POSITIVE_INFINITY) + store.deletion.seriesWindowMs
      : Number.POSITIVE_INFINITY;
    const slots: Array<GoogleEvent | null> = store.expansion(cal, s).map((occ) => {
      if (
        exceptions?.has(occ.id) ||
        (isCancelled && !withDeleted) ||
        occ.startMs >= lastCancelled ||
        !overlaps(occ.startMs, occ.endMs, q)
      )
        return null;
      return finish(instanceOf(ev, occ), q, isCancelled);
    });
    for (const [id, original] of s.removed ?? []) {
      slots.push(
        withDeleted && !exceptions?.has(id)
          ? finish({ ...removedInstance(ev, id, original), updated: ev.updated }, q, true)
          : null,
      );
    }
    return slots;
  }
  // Documented: with singleEvents and showDeleted both false, cancelled exceptions still come back.
  if (isCancelled && !withDeleted && !(ev.recurringEventId && !q.singleEvents)) return [null];
  if (q.timeMin !== undefined || q.timeMax !== undefined) {
    const inWindow = isRecurringMaster(ev)
      ? store.expansion(cal, s).some((occ) => overlaps(occ.startMs, occ.endMs, q))
      : ((b) => b === null || overlaps(b.start, b.end, q))(eventBounds(ev, cal.timeZone));
    if (!inWindow) return [null];
  }
  return [finish(ev, q, isCancelled)];
}

/** One page in log order, resuming at `from`; `next` is null when the log is exhausted. */
export function logPage(
  store: EventStore,
  cal: CalendarRecord,
  q: ViewQuery,
  from: Cursor,
  max: number,
): { items: GoogleEvent[]; next: Cursor | null } {
  const items: GoogleEvent[] = [];
  for (let i = lowerBound(cal.logSeq, from.seq); i < cal.logSeq.length; i++) {
    const seq = cal.logSeq[i] as number;
    const s = cal.events.get(cal.logId[i] as string);
    if (!s || s.seq !== seq) continue; // superseded by a later write
    const slots = slotsFor(store, cal, s, q);
    for (let k = seq === from.seq ? from.idx : 0; k < slots.length; k++) {
      const item = slots[k];
      if (!item) continue;
      if (items.length >= max) return { items, next: { seq, idx: k } };
      items.push(item);
    }
  }
  return { items, next: null };
}

/** orderBy listings sort the whole result (O(calendar), as only these need), then page by offset. */
export function sortedPage(
  store: EventStore,
  cal: CalendarRecord,
  q: ViewQuery,
  orderBy: 'startTime' | 'updated',
  offset: number,
  max: number,
): { items: GoogleEvent[]; nextOffset: number | null } {
  const all: Array<{ ev: GoogleEvent; key: number }> = [];
  for (const s of cal.events.values()) {
    for (const ev of slotsFor(store, cal, s, q)) {
      if (!ev) continue;
      const key = orderBy === 'updated' ? Date.parse(ev.updated ?? '') : (eventBounds(ev, cal.timeZone)?.start ?? 0);
      all.push({ ev, key });
    }
  }
  all.sort((a, b) => a.key - b.key || String(a.ev.id).localeCompare(String(b.ev.id)));
  const slice = all.slice(offset, offset + max).map((x) => x.ev);
  return { items: slice, nextOffset: offset + max < all.length ? offset + max : null };
}
