// Tasks as the algorithms see them: slot counts, slot-index windows and the
// slots each one may never use. All rounding and validation lives here.
import type { AcceptedBlock, PlannerTask, RejectedSlot } from './types';
import { QUARTER, MINUTE } from '../../../shared/time/zone';
import { lowerBound, slotsOverlapping, slotsWithin, type Timeline } from './timeline';

export const WEIGHTS = [0, 8, 4, 2, 1] as const;

export interface PreparedTask {
  idx: number;
  id: string;
  source: PlannerTask;
  weight: number;
  /** max(earliest, now + lead) and min(due, horizon end), as instants. */
  windowStart: number;
  windowEnd: number;
  /** Slots fully inside the window: [lo, hi). */
  lo: number;
  hi: number;
  acceptedMinutes: number;
  /** Slots still to plan: duration minus accepted time, rounded up to the grid. */
  need: number;
  /** Chunk bounds in slots; minLen is already capped at `need`. */
  minLen: number;
  maxLen: number;
  /** Slots this task may not use (rejected, or touching its own accepted block). */
  forbidden: Uint8Array | null;
  /** The slots of `forbidden` that are there because the user rejected a block of this task there. */
  rejected: Uint8Array | null;
  invalid: string | null;
}

function validity(t: PlannerTask, seen: Set<string>): string | null {
  if (seen.has(t.id)) return `task id "${t.id}" appears twice`;
  if (!Number.isFinite(t.durationMinutes) || t.durationMinutes <= 0)
    return 'duration must be a positive number of minutes';
  if (![1, 2, 3, 4].includes(t.priority)) return 'priority must be 1 to 4';
  if (!(t.minChunkMinutes > 0) || !(t.maxChunkMinutes > 0)) return 'chunk sizes must be positive';
  if (Math.ceil(t.minChunkMinutes / 15) > Math.floor(t.maxChunkMinutes / 15)) {
    return `no block length on the 15-minute grid lies between min chunk ${t.minChunkMinutes} min and max chunk ${t.maxChunkMinutes} min`;
  }
  if (t.due !== null && t.earliest !== null && t.earliest >= t.due) return 'earliest start is not before the due date';
  if ((t.due !== null && !Number.isFinite(t.due)) || (t.earliest !== null && !Number.isFinite(t.earliest)))
    return 'due/earliest must be instants';
  return null;
}

/** Tasks sorted by id (input order never matters), each with its slot view. */
export function prepareTasks(
  tl: Timeline,
  tasks: PlannerTask[],
  accepted: AcceptedBlock[],
  rejected: RejectedSlot[],
): PreparedTask[] {
  // By id; a repeated id (invalid) is ordered by content so input order never matters.
  const key = (t: PlannerTask): string =>
    JSON.stringify([
      t.id,
      t.durationMinutes,
      t.priority,
      t.due,
      t.earliest,
      t.minChunkMinutes,
      t.maxChunkMinutes,
      t.title ?? null,
    ]);
  const sorted = [...tasks].sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0,
  );
  const seen = new Set<string>();
  const out: PreparedTask[] = [];
  for (const t of sorted) {
    const invalid = validity(t, seen);
    seen.add(t.id);
    const acceptedMs = accepted.filter((a) => a.taskId === t.id).reduce((s, a) => s + Math.max(0, a.end - a.start), 0);
    const acceptedMinutes = acceptedMs / MINUTE;
    const need = invalid ? 0 : Math.ceil(Math.max(0, t.durationMinutes * MINUTE - acceptedMs) / QUARTER);
    const windowStart = Math.max(t.earliest ?? -Infinity, tl.planStart);
    const windowEnd = Math.min(t.due ?? Infinity, tl.horizonEnd);
    const [lo, hi] = windowStart < windowEnd ? slotsWithin(tl, windowStart, windowEnd) : [0, 0];
    out.push({
      idx: out.length,
      id: t.id,
      source: t,
      weight: WEIGHTS[t.priority] ?? 1,
      windowStart,
      windowEnd,
      lo,
      hi,
      acceptedMinutes,
      need,
      minLen: Math.max(1, Math.min(Math.ceil(t.minChunkMinutes / 15), need)),
      maxLen: Math.max(1, Math.floor(t.maxChunkMinutes / 15)),
      forbidden: invalid ? null : forbiddenSlots(tl, t.id, accepted, rejected),
      rejected: invalid ? null : forbiddenSlots(tl, t.id, [], rejected),
      invalid,
    });
  }
  return out;
}

function forbiddenSlots(
  tl: Timeline,
  taskId: string,
  accepted: AcceptedBlock[],
  rejected: RejectedSlot[],
): Uint8Array | null {
  let mask: Uint8Array | null = null;
  const mark = (i: number): void => {
    if (i < 0 || i >= tl.n) return;
    mask ??= new Uint8Array(tl.n);
    mask[i] = 1;
  };
  for (const r of rejected) {
    if (r.taskId !== taskId) continue;
    const [a, b] = slotsOverlapping(tl, r.start, r.end);
    for (let i = a; i < b; i++) mark(i);
  }
  // A block touching the task's own accepted block would merge with it into
  // one longer stretch; busy buffers already keep them apart when buffer > 0.
  for (const acc of accepted) {
    if (acc.taskId !== taskId) continue;
    const after = lowerBound(tl.start, acc.end);
    if (tl.start[after] === acc.end) mark(after);
    const before = lowerBound(tl.start, acc.start - QUARTER);
    if (tl.start[before] === acc.start - QUARTER) mark(before);
  }
  return mask;
}
