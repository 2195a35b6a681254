// Where the week's blocks go, computed once per set of items and days, with no DOM: the week view
// (week-calendar.tsx) only turns these numbers into absolutely placed boxes. A timed block inside one
// day sits in that day's column at its wall-clock minutes (the grid's hours are the user's zone's, see
// toWallClock); overlapping blocks share the column side by side. All-day events, and timed ones that
// run past a day, go to the lane above the hours as bars across the days they cover.
// tests/renderer/week-layout.test.ts holds both to simple oracles with fast-check.

export const DAY_MINUTES = 24 * 60;
/** A block is drawn at least this tall (a 5-minute call stays readable), and lays out as that tall too. */
export const MIN_BLOCK_MINUTES = 15;

export interface Timed<T> {
  item: T;
  startMin: number;
  endMin: number;
}

/** A block in its day column: minutes from the day's 00:00 (drawn extent), and its share of the column's width. */
export interface Placed<T> extends Timed<T> {
  /** Left edge and width as fractions of the column (0–1). */
  left: number;
  width: number;
}

/** The drawn extent: clipped to the day, at least MIN_BLOCK_MINUTES tall (moved up if it would pass midnight). */
function drawn(startMin: number, endMin: number): [number, number] {
  const start = Math.max(0, Math.min(startMin, DAY_MINUTES - MIN_BLOCK_MINUTES));
  const end = Math.min(DAY_MINUTES, Math.max(endMin, start + MIN_BLOCK_MINUTES));
  return [start, end];
}

/**
 * One day column: blocks that overlap (directly or through others) form a cluster; each cluster is
 * split into as many equal columns as it has blocks at once at its busiest moment, and each block takes
 * the first column free at its start (blocks by start, longer first). Blocks that only touch (one ends
 * when the next starts) do not overlap.
 */
export function layoutDay<T>(blocks: readonly Timed<T>[]): Placed<T>[] {
  const sorted = blocks
    .map((b, i) => {
      const [startMin, endMin] = drawn(b.startMin, b.endMin);
      return { item: b.item, startMin, endMin, i };
    })
    .sort((a, b) => a.startMin - b.startMin || b.endMin - a.endMin || a.i - b.i);
  const out: Placed<T>[] = [];
  let cluster: { b: (typeof sorted)[number]; col: number }[] = [];
  let columnsEnd: number[] = [];
  let clusterEnd = -1;
  const close = () => {
    const n = columnsEnd.length;
    for (const { b, col } of cluster)
      out.push({ item: b.item, startMin: b.startMin, endMin: b.endMin, left: col / n, width: 1 / n });
    cluster = [];
    columnsEnd = [];
  };
  for (const b of sorted) {
    if (b.startMin >= clusterEnd) close();
    let col = columnsEnd.findIndex((end) => end <= b.startMin);
    if (col < 0) col = columnsEnd.push(b.endMin) - 1;
    else columnsEnd[col] = b.endMin;
    cluster.push({ b, col });
    clusterEnd = Math.max(clusterEnd, b.endMin);
  }
  close();
  return out;
}

/** A bar in the all-day lane: the first column it covers, how many, and its row (0 at the top). */
export interface LaneBar<T> {
  item: T;
  day: number;
  span: number;
  row: number;
}

export interface WeekLayout<T> {
  /** Per day column, its timed blocks placed. */
  columns: Placed<T>[][];
  lane: LaneBar<T>[];
  /** How many rows the lane has (its bars' rows are below this). */
  rows: number;
}

interface Span {
  start: Date;
  end: Date;
  allDay: boolean;
}

/** The local calendar date as one number (days counted from a fixed date): no Date math, no DST. */
export function dayNumber(d: Date): number {
  return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000;
}
const minutesOf = (d: Date) => d.getHours() * 60 + d.getMinutes() + d.getSeconds() / 60;

/**
 * The week (or one day) laid out. `days` are the columns' local midnights, consecutive. Items carry local
 * (wall-clock) Dates; an all-day item's end is the day after its last (exclusive), as in the contract.
 */
export function layoutWeek<T extends Span>(items: readonly T[], days: readonly Date[]): WeekLayout<T> {
  const first = days.length ? dayNumber(days[0]!) : 0;
  const n = days.length;
  const timed: Timed<T>[][] = days.map(() => []);
  const bars: { item: T; day: number; span: number }[] = [];
  for (const item of items) {
    const s = dayNumber(item.start) - first;
    const endDay = dayNumber(item.end) - first;
    const endMin = minutesOf(item.end);
    // A timed block ending at the next midnight is still its own day's.
    const oneDay = !item.allDay && (endDay === s || (endDay === s + 1 && endMin === 0));
    if (oneDay) {
      if (s >= 0 && s < n)
        timed[s]!.push({ item, startMin: minutesOf(item.start), endMin: endDay === s ? endMin : DAY_MINUTES });
      continue;
    }
    // The last day covered: the end's day itself, unless the end is that day's midnight (exclusive). An
    // all-day end is a date (exclusive) whatever its clock says: where a DST change skips midnight, its Date reads 01:00.
    const last = (item.allDay || endMin === 0) && endDay > s ? endDay - 1 : endDay;
    const from = Math.max(0, s);
    const to = Math.min(n - 1, last);
    if (to < from) continue;
    bars.push({ item, day: from, span: to - from + 1 });
  }
  const { lane, rows } = stackBars(bars);
  return { columns: timed.map(layoutDay), lane, rows };
}

/** Bars by first day, longer first, each in the top row where it meets no other bar. */
export function stackBars<T>(bars: readonly { item: T; day: number; span: number }[]): {
  lane: LaneBar<T>[];
  rows: number;
} {
  const sorted = bars.map((b, i) => ({ ...b, i })).sort((a, b) => a.day - b.day || b.span - a.span || a.i - b.i);
  // Per row, the first free day after its last bar (bars come by first day, so that is enough).
  const rowEnd: number[] = [];
  const lane: LaneBar<T>[] = [];
  for (const b of sorted) {
    let row = rowEnd.findIndex((end) => end <= b.day);
    if (row < 0) row = rowEnd.push(0) - 1;
    rowEnd[row] = b.day + b.span;
    lane.push({ item: b.item, day: b.day, span: b.span, row });
  }
  return { lane, rows: rowEnd.length };
}

/** Per day, how many bars lie in rows at or below `shown` (folded into "+N more"). */
export function hiddenPerDay<T>(lane: readonly LaneBar<T>[], days: number, shown: number): number[] {
  const hidden = new Array<number>(days).fill(0);
  for (const b of lane) if (b.row >= shown) for (let d = b.day; d < b.day + b.span; d++) hidden[d]!++;
  return hidden;
}

// Dragging (week-drag.ts): the pointer's travel snaps to the planner's quarter hours.
const SNAP = 15;

export type DragMode = 'move' | 'resize';

/** Where a drag of `dMin` minutes (already snapped) onto `day` puts a block of [startMin, endMin). */
export function dragged(mode: DragMode, startMin: number, endMin: number, dMin: number): [number, number] {
  if (mode === 'resize') {
    const end = Math.min(DAY_MINUTES, Math.max(startMin + MIN_BLOCK_MINUTES, endMin + dMin));
    return [startMin, end];
  }
  const length = endMin - startMin;
  const start = Math.max(0, Math.min(DAY_MINUTES - length, startMin + dMin));
  return [start, start + length];
}

/** The pointer's travel in minutes, snapped to quarter hours. */
export const snapped = (dy: number, pxPerMinute: number) => Math.round(dy / pxPerMinute / SNAP) * SNAP;
