// What one push sends, and in which batches (pure): the push's counterpart of
// sync/page-plan.ts. The outbox as read (keys only: the content of an upsert
// is read when its batch goes out, so it is the newest) and what this push
// knows of the workspace go in; batches come out, which the batch sender
// (batch-sender.ts) executes one at a time under the calendar's lease.
//
// The rules:
// - A batch holds one calendar's rows (a calendar's rows go under its lease),
//   at most `batchSize`, never none.
// - Calendars go in id order, each calendar's rows in event id order, each
//   queued key exactly once: a push that stops part-way leaves a prefix sent,
//   and the next push starts over from what is still queued.
// - A calendar in `state.skip` is not planned: another device holds its lease,
//   or this push already finished it (rows queued meanwhile wait for the next
//   push).

import type { QueuedKey } from '../store/outbox-repo';

export type { QueuedKey };

export interface PushState {
  /** Calendars this push leaves alone. */
  skip: ReadonlySet<string>;
}

export interface PushBatch {
  calendarId: string;
  keys: QueuedKey[];
}

const byKey = (a: QueuedKey, b: QueuedKey) => cmp(a.calendarId, b.calendarId) || cmp(a.eventId, b.eventId);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function planPush(outbox: readonly QueuedKey[], state: PushState, opts: { batchSize: number }): PushBatch[] {
  const size = Math.max(1, Math.floor(opts.batchSize));
  const keys = outbox.filter((k) => !state.skip.has(k.calendarId)).sort(byKey);
  const batches: PushBatch[] = [];
  let last: QueuedKey | null = null;
  for (const k of keys) {
    // The outbox holds one row per key; a duplicate would be sent twice, so the first read wins.
    if (last && last.calendarId === k.calendarId && last.eventId === k.eventId) continue;
    last = k;
    const open = batches.at(-1);
    if (open && open.calendarId === k.calendarId && open.keys.length < size) open.keys.push(k);
    else batches.push({ calendarId: k.calendarId, keys: [k] });
  }
  return batches;
}
