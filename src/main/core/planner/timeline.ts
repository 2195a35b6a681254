// The discrete timeline one plan works on: every working quarter hour from
// now + lead time to the horizon, and which of them no busy interval (with
// its buffer) touches. Everything else in the planner is indices into it.
import type { Interval, PlanSettings } from './types';
import { DAY, MINUTE, QUARTER, buildZone, type Zone } from '../../../shared/time/zone';
import { parseWorkingHours, workingSlotStarts, type DayRanges } from './working-time';

export interface Timeline {
  zone: Zone;
  days: DayRanges;
  now: number;
  planStart: number;
  horizonEnd: number;
  bufferMs: number;
  /** Same-task blocks must be this far apart: the buffer, and never touching. */
  gapMs: number;
  n: number;
  start: Float64Array;
  /** 1 when the slot is free of busy time and its buffer. */
  free: Uint8Array;
  /** resume[i]: first slot where the same task may start again after a block ending with slot i. */
  resume: Int32Array;
  /** joins[i] = 1 when slot i begins exactly where slot i - 1 ends (see joinsPrevious). */
  joins: Uint8Array;
  /**
   * The slots a block's buffer keeps clear, per slot, so placing a block
   * needs no search: a block over slots [a, b] covers [coverFrom[a],
   * max(coverFrom[a], coverTo[b])) — the slots overlapping it ± the buffer.
   */
  coverFrom: Int32Array;
  coverTo: Int32Array;
}

export function lowerBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Merges intervals (touching ones too) after sorting; drops empty ones. */
export function mergeIntervals(list: Interval[]): Interval[] {
  const sorted = list.filter((x) => x.end > x.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Interval[] = [];
  for (const x of sorted) {
    const last = out[out.length - 1];
    if (last && x.start <= last.end) last.end = Math.max(last.end, x.end);
    else out.push({ start: x.start, end: x.end });
  }
  return out;
}

/** Everything of a timeline but `free`: it depends on the settings alone. */
type Grid = Omit<Timeline, 'free'>;

// planWithHabits() runs plan() about ten times with the same settings and
// other busy time; the zone's offsets and the working slots are read once.
// One entry, keyed by every setting the grid reads; its arrays are never
// written after they are built, so timelines share them.
let lastGrid: { key: string; grid: Grid } | null = null;

function gridFor(settings: PlanSettings): Grid {
  const key = [
    settings.timeZone,
    String(settings.now),
    String(settings.leadTimeMinutes),
    String(settings.horizonDays),
    String(settings.bufferMinutes),
    JSON.stringify(settings.workingHours),
  ].join('|');
  if (lastGrid?.key === key) return lastGrid.grid;
  const now = settings.now;
  const planStart = now + Math.max(0, settings.leadTimeMinutes) * MINUTE;
  const horizonEnd = now + Math.max(0, settings.horizonDays) * DAY;
  const bufferMs = Math.max(0, settings.bufferMinutes) * MINUTE;
  const zone = buildZone(settings.timeZone, now, Math.max(horizonEnd, planStart));
  const days = parseWorkingHours(settings.workingHours);
  const start = Float64Array.from(workingSlotStarts(zone, days, planStart, horizonEnd));
  const n = start.length;
  const gapMs = Math.max(bufferMs, 1);
  const resume = new Int32Array(n);
  for (let i = 0, j = 0; i < n; i++) {
    while (j < n && start[j]! < start[i]! + QUARTER + gapMs) j++;
    resume[i] = j;
  }
  // One past the end (0) so reads at n need no bounds check.
  const joins = new Uint8Array(n + 1);
  for (let i = 1; i < n; i++) joins[i] = start[i]! === start[i - 1]! + QUARTER ? 1 : 0;
  // The same bounds slotsOverlapping(tl, start[a] - buffer, start[b] + QUARTER + buffer) finds.
  const coverFrom = new Int32Array(n);
  const coverTo = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    coverFrom[i] = lowerBound(start, start[i]! - bufferMs - QUARTER + 1);
    coverTo[i] = lowerBound(start, start[i]! + QUARTER + bufferMs);
  }
  const grid = { zone, days, now, planStart, horizonEnd, bufferMs, gapMs, n, start, resume, joins, coverFrom, coverTo };
  lastGrid = { key, grid };
  return grid;
}

export function buildTimeline(settings: PlanSettings, busy: Interval[]): Timeline {
  const grid = gridFor(settings);
  const { n, start, bufferMs } = grid;
  const free = new Uint8Array(n).fill(1);
  const blocked = mergeIntervals(busy.map((b) => ({ start: b.start - bufferMs, end: b.end + bufferMs })));
  let k = 0;
  for (let i = 0; i < n; i++) {
    const s = start[i]!;
    while (k < blocked.length && blocked[k]!.end <= s) k++;
    const b = blocked[k];
    if (b && b.start < s + QUARTER) free[i] = 0;
  }
  return { ...grid, free };
}

/** Slots fully inside [a, b): indices [lo, hi). */
export function slotsWithin(tl: Timeline, a: number, b: number): [number, number] {
  const lo = lowerBound(tl.start, a);
  const hi = lowerBound(tl.start, b - QUARTER + 1);
  return [lo, Math.max(lo, hi)];
}

/** Slots that overlap [a, b): indices [lo, hi). */
export function slotsOverlapping(tl: Timeline, a: number, b: number): [number, number] {
  const lo = lowerBound(tl.start, a - QUARTER + 1);
  const hi = lowerBound(tl.start, b);
  return [lo, Math.max(lo, hi)];
}

/** True when slot i begins exactly where slot i - 1 ends. */
export function joinsPrevious(tl: Timeline, i: number): boolean {
  return tl.joins[i] === 1;
}
