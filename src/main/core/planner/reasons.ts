// Why a task is not (fully) planned, and which planned tasks are tight. Each
// reason is the first of these that holds, checked in order, and the detail
// carries the numbers that make it checkable.
import type { AtRisk, Unscheduled, UnscheduledReason } from '../../../shared/domain';
import { aloneDp } from './alone';
import { formatDuration, formatWhen } from './format';
import { Occupancy, splittable, type Block } from './occupancy';
import { greedyEarliest } from './sequential';
import type { PreparedTask } from './prepare';
import { joinsPrevious, type Timeline } from './timeline';
import { hasAnyWorkingHours } from './working-time';

/** A planned task is at risk when its free working time before due is under this multiple of its need. */
export const AT_RISK_FACTOR = 1.5;

export interface TaskRoom {
  /** Free working slots in the window, ignoring other tasks' proposals. */
  free: number;
  longestGap: number;
  /** Free slots in gaps at least one min chunk long. */
  inChunkGaps: number;
}

export function taskRoom(tl: Timeline, t: PreparedTask): TaskRoom {
  let free = 0;
  let longestGap = 0;
  let inChunkGaps = 0;
  let gap = 0;
  const close = (): void => {
    longestGap = Math.max(longestGap, gap);
    if (gap >= t.minLen) inChunkGaps += gap;
    gap = 0;
  };
  for (let i = t.lo; i < t.hi; i++) {
    const ok = tl.free[i] === 1 && !(t.forbidden && t.forbidden[i] === 1);
    if (!ok || (gap > 0 && !joinsPrevious(tl, i))) close();
    if (ok) {
      free++;
      gap++;
    }
  }
  close();
  return { free, longestGap, inChunkGaps };
}

const q = (slots: number): string => formatDuration(slots * 15);

/**
 * `kept` are last plan's proposals that stayed in place: they bind the task
 * itself too, so "would it fit on its own" is asked with them fixed.
 */
export function explain(
  tl: Timeline,
  tasks: PreparedTask[],
  occ: Occupancy,
  horizonDays: number,
  kept: Block[],
  all: Block[],
): { unscheduled: Unscheduled[]; atRisk: AtRisk[] } {
  const unscheduled: Unscheduled[] = [];
  const atRisk: AtRisk[] = [];
  const when = (t: number): string => formatWhen(tl.zone, t, tl.now);
  let held: Holders | null = null;
  const holders = (): Holders => (held ??= new Holders(tl, all));
  for (const t of tasks) {
    const add = (reason: UnscheduledReason, detail: string): void =>
      void unscheduled.push({ taskId: t.id, reason, detail });
    if (t.invalid) {
      add('invalid-task', t.invalid);
      continue;
    }
    const placed = occ.placed[t.idx]!;
    if (t.need === 0) continue;
    const { due, earliest } = t.source;
    const dueInHorizon = due !== null && due <= tl.horizonEnd;
    const by = dueInHorizon
      ? `before ${when(due)}`
      : `within the ${horizonDays}-day horizon (until ${when(tl.horizonEnd)})`;
    const planned = placed > 0 ? ` (${q(placed)} of it planned)` : '';
    if (placed >= t.need) {
      const room = dueInHorizon ? taskRoom(tl, t).free : Infinity;
      if (room < AT_RISK_FACTOR * t.need) {
        atRisk.push({ taskId: t.id, detail: `needs ${q(t.need)} ${by}, only ${q(room)} free in working hours` });
      }
      continue;
    }
    if (due !== null && due <= tl.now) add('due-passed', `due date already passed (${when(due)})`);
    else if (due !== null && due <= tl.planStart)
      add(
        'due-passed',
        `due ${when(due)} falls within the lead time before the first possible start (${when(tl.planStart)})`,
      );
    else if (earliest !== null && earliest >= tl.horizonEnd)
      add(
        'earliest-after-horizon',
        `earliest start ${when(earliest)} is after the planning horizon ends (${when(tl.horizonEnd)})`,
      );
    else if (t.windowStart >= t.windowEnd)
      add(
        'outside-horizon',
        `no time between the first possible start (${when(t.windowStart)}) and the horizon end (${when(tl.horizonEnd)})`,
      );
    else if (t.lo >= t.hi) {
      add(
        'no-working-hours',
        hasAnyWorkingHours(tl.days)
          ? `no working hours between ${when(t.windowStart)} and ${when(t.windowEnd)}`
          : 'no working hours are set',
      );
    } else {
      const [reason, detail] = shortfall(
        tl,
        t,
        occ,
        by,
        dueInHorizon,
        kept.filter((b) => b.task === t.idx),
        holders,
      );
      add(reason, detail + planned + rejectedClause(tl, t, when));
    }
  }
  return { unscheduled, atRisk };
}

function shortfall(
  tl: Timeline,
  t: PreparedTask,
  occ: Occupancy,
  by: string,
  dueInHorizon: boolean,
  ownKept: Block[],
  holders: () => Holders,
): [UnscheduledReason, string] {
  const room = taskRoom(tl, t);
  const needs = `needs ${q(t.need)} ${by}`;
  if (room.free < t.need) {
    return [
      dueInHorizon ? 'not-enough-time-before-due' : 'outside-horizon',
      `${needs}, only ${q(room.free)} free in working hours`,
    ];
  }
  const minChunk = t.minLen * 15;
  if (room.longestGap < t.minLen) {
    const what =
      t.minLen < Math.ceil(t.source.minChunkMinutes / 15)
        ? `the whole task (${minChunk} min, in one block)`
        : `min chunk ${minChunk} min`;
    return ['min-chunk-too-large', `${what} larger than every free gap ${by} (longest ${q(room.longestGap)})`];
  }
  const sizes = t.minLen === t.maxLen ? `exactly ${minChunk} min` : `${minChunk}–${t.maxLen * 15} min`;
  const chunks = `chunks of ${sizes}${tl.bufferMs > 0 ? ` with ${formatDuration(tl.bufferMs / 60_000)} buffers` : ''}`;
  if (!splittable(t.need, t.minLen, t.maxLen)) {
    return ['min-chunk-too-large', `${needs}, which does not split into chunks of ${sizes}`];
  }
  if (room.inChunkGaps < t.need) {
    return [
      'min-chunk-too-large',
      `${needs}, but only ${q(room.inChunkGaps)} of the free time lies in gaps of at least ${minChunk} min (min chunk)`,
    ];
  }
  const alone = aloneMax(tl, t, []);
  if (alone < t.need)
    return ['min-chunk-too-large', `${needs}, but in ${chunks} only ${q(alone)} fit into the free gaps`];
  const keptSlots = ownKept.reduce((n, b) => n + b.len, 0);
  if (keptSlots > 0 && aloneMax(tl, t, ownKept) < t.need) {
    const rest = t.need - keptSlots;
    const why =
      rest < t.minLen
        ? `is shorter than the min chunk ${minChunk} min`
        : !splittable(rest, t.minLen, t.maxLen)
          ? `does not split into chunks of ${sizes}`
          : `does not fit around them in ${chunks}`;
    return [
      'min-chunk-too-large',
      `${needs}; ${q(keptSlots)} of it stays where it was proposed, and the rest (${q(rest)}) ${why}`,
    ];
  }
  const { planned, buffers } = holders().takenByOthers(t);
  const taken =
    buffers > 0
      ? `${q(planned)} of that time is planned for other tasks and ${q(buffers)} kept clear as their buffers`
      : `${q(planned)} of that time is planned for other tasks`;
  return ['crowded-out', `${needs} and would fit on its own, but ${taken}`];
}

/**
 * A task that does not fit says so when the user's rejections took some of its
 * free time: otherwise a re-plan that leaves the task short (or puts it
 * elsewhere) looks as if the planner forgot the reject.
 */
export function rejectedClause(tl: Timeline, t: PreparedTask, when: (t: number) => string): string {
  if (!t.rejected) return '';
  const ranges: Array<[number, number]> = [];
  let slots = 0;
  for (let i = t.lo; i < t.hi; i++) {
    if (tl.free[i] !== 1 || t.rejected[i] !== 1) continue;
    slots++;
    const last = ranges[ranges.length - 1];
    if (last && last[1] === i - 1 && joinsPrevious(tl, i)) last[1] = i;
    else ranges.push([i, i]);
  }
  if (slots === 0) return '';
  const shown = ranges.slice(0, 3).map(([a, b]) => span(when(tl.start[a]!), when(tl.start[b]! + 15 * 60_000)));
  const more = ranges.length > 3 ? ` and ${ranges.length - 3} more` : '';
  return `; you rejected ${shown.join(', ')}${more} for it (${q(slots)}), so that time is not offered again`;
}

/** "Mon 09:00–10:30"; the day is said once when both ends share it. */
function span(from: string, to: string): string {
  const day = (s: string): string => s.slice(0, s.lastIndexOf(' '));
  return day(from) === day(to) ? `${from}–${to.slice(to.lastIndexOf(' ') + 1)}` : `${from} – ${to}`;
}

// An empty occupancy reused by every aloneMax of a plan (hundreds on a big
// backlog): clearing it is cheaper than allocating one each time.
let pad: { tl: Timeline; occ: Occupancy } | null = null;

function emptyOccupancy(tl: Timeline, tasks: number): Occupancy {
  if (pad && pad.tl === tl && pad.occ.placed.length >= tasks) return pad.occ.clear();
  // Room for twice the tasks asked for: the plan's tasks come in index order.
  pad = { tl, occ: new Occupancy(tl, 2 * tasks) };
  return pad.occ;
}

/**
 * Most the task could get with no other task around, its own `fixed`
 * blocks staying put: first-fit, or the exact DP when that falls short.
 */
function aloneMax(tl: Timeline, t: PreparedTask, fixed: Block[]): number {
  const occ = emptyOccupancy(tl, t.idx + 1);
  for (const b of fixed) occ.place(b);
  const base = occ.placed[t.idx]!;
  const rest = t.need - base;
  if (rest < t.minLen) return base;
  if (greedyEarliest(occ, t, rest)) return t.need;
  return base + aloneDp(occ, t, rest).max;
}

/**
 * Who holds the plan's slots, read once per plan (a crowded backlog asks for
 * hundreds of tasks): the task whose block sits on each slot, and how many
 * blocks keep each slot clear as their buffer (the block's own slots too).
 * Blocks of different tasks never share a slot.
 */
class Holders {
  private readonly owner: Int32Array;
  private readonly cover: Int32Array;
  private readonly byTask = new Map<number, Block[]>();

  constructor(
    private readonly tl: Timeline,
    all: Block[],
  ) {
    this.owner = new Int32Array(tl.n).fill(-1);
    this.cover = new Int32Array(tl.n);
    for (const b of all) {
      for (let i = b.at; i < b.at + b.len; i++) this.owner[i] = b.task;
      const [lo, hi] = this.zone(b);
      for (let i = lo; i < hi; i++) this.cover[i]!++;
      const own = this.byTask.get(b.task);
      if (own) own.push(b);
      else this.byTask.set(b.task, [b]);
    }
  }

  /** Slots overlapping the block ± the buffer. */
  private zone(b: Block): [number, number] {
    const lo = this.tl.coverFrom[b.at]!;
    return [lo, Math.max(lo, this.tl.coverTo[b.at + b.len - 1]!)];
  }

  /**
   * The task's free slots that other tasks hold: their blocks, and the buffers
   * around them — a block just outside the window still keeps its buffer
   * inside it, which is how a task can be crowded out by a neighbour.
   */
  takenByOthers(t: PreparedTask): { planned: number; buffers: number } {
    const tl = this.tl;
    // Buffer cover that comes from the task's own blocks does not count.
    const ownCover = new Int32Array(Math.max(0, t.hi - t.lo));
    for (const b of this.byTask.get(t.idx) ?? []) {
      const [lo, hi] = this.zone(b);
      for (let i = Math.max(lo, t.lo); i < Math.min(hi, t.hi); i++) ownCover[i - t.lo]!++;
    }
    let planned = 0;
    let buffers = 0;
    for (let i = t.lo; i < t.hi; i++) {
      if (tl.free[i] !== 1 || (t.forbidden && t.forbidden[i] === 1)) continue;
      const holder = this.owner[i]!;
      if (holder !== -1 && holder !== t.idx) planned++;
      else if (this.cover[i]! - ownCover[i - t.lo]! > 0) buffers++;
    }
    return { planned, buffers };
  }
}
