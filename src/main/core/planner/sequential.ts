// The sequential oracles: tasks one after another, each placed by the exact
// single-task DP around what is already placed. In EDF order each goes as
// early as it can; "big-late" places the tasks with the longest min chunk
// first and as late as their windows allow, leaving the early gaps to tasks
// that are due sooner and can use short chunks. Both pack awkward chunk
// sizes that slot-by-slot EDF wastes; when a task does not fit, it moves to
// the front and the order is tried again (a "squeaky wheel" retry).
import { aloneDp } from './alone';
import { edfLess, type Layout, type Recycler } from './layout';
import { chooseLength, type Block, type Occupancy } from './occupancy';
import type { PreparedTask } from './prepare';

export type SequentialMode = 'edf' | 'big-late';

export const RETRIES = 2;

/** Counts slot visits, so callers can bound the work spent. */
export interface Meter {
  work: number;
  /** Earlier runs on the same base, to replay (only a caller that never changes its base passes one). */
  memo?: RunMemo;
}

/**
 * One placeInOrder run, step by step: task, amount, the blocks it got and
 * the work it was charged. Each step depends only on the base and the steps
 * before it, so a later run on the same base whose first steps are the same
 * (task, amount) pairs — the selection's bisection changes one task's amount
 * at a time — gets the same blocks: it replays them, and is charged the same
 * work, instead of searching again. Results and budget use are unchanged.
 */
interface Run {
  latest: boolean;
  tasks: number[];
  wants: number[];
  work: number[];
  /** Blocks of step s: at/len pairs from blockEnd[s - 1] (0 for s = 0) to blockEnd[s]. */
  blockEnd: number[];
  at: number[];
  len: number[];
}

export class RunMemo implements Recycler {
  private readonly runs: Run[] = [];
  /** The occupancy of the last run that failed: nobody holds it, so the next run reuses its memory. */
  spare: Occupancy | null = null;

  constructor(private readonly keep = 8) {}

  /** The remembered run sharing the longest first steps with this order, and how many. */
  longest(order: PreparedTask[], targets: Int32Array, latest: boolean): { run: Run; steps: number } | null {
    let best: { run: Run; steps: number } | null = null;
    for (const run of this.runs) {
      if (run.latest !== latest) continue;
      let s = 0;
      const most = Math.min(order.length, run.tasks.length);
      while (s < most && run.tasks[s] === order[s]!.idx && run.wants[s] === targets[order[s]!.idx]) s++;
      if (s > 0 && (!best || s > best.steps)) best = { run, steps: s };
    }
    return best;
  }

  save(run: Run): void {
    this.runs.push(run);
    if (this.runs.length > this.keep) this.runs.shift();
  }
}

export function layoutSequential(
  tasks: PreparedTask[],
  targets: Int32Array,
  base: Occupancy,
  mode: SequentialMode = 'edf',
  meter: Meter = { work: 0 },
): Layout | null {
  const latest = mode === 'big-late';
  const edf = edfLess(tasks);
  let order = tasks
    .filter((t) => targets[t.idx]! > 0)
    .sort((a, b) => (latest && a.minLen !== b.minLen ? b.minLen - a.minLen : edf(a.idx, b.idx) ? -1 : 1));
  for (let attempt = 0; ; attempt++) {
    const result = placeInOrder(order, targets, base, latest, meter);
    if ('occ' in result) return result;
    if (attempt >= RETRIES || order[0] === result) return null;
    order = [result, ...order.filter((t) => t !== result)];
  }
}

/** The layout, or the first task that did not fit. */
function placeInOrder(
  order: PreparedTask[],
  targets: Int32Array,
  base: Occupancy,
  latest: boolean,
  meter: Meter,
): Layout | PreparedTask {
  const memo = meter.memo;
  const spare = memo?.spare;
  if (memo) memo.spare = null;
  const occ = spare ? spare.copyFrom(base) : base.clone();
  meter.work += occ.tl.n;
  const blocks: Block[] = [];
  const run: Run = { latest, tasks: [], wants: [], work: [], blockEnd: [], at: [], len: [] };
  const record = (t: PreparedTask, want: number, work: number, got: Block[]): void => {
    run.tasks.push(t.idx);
    run.wants.push(want);
    run.work.push(work);
    for (const b of got) {
      run.at.push(b.at);
      run.len.push(b.len);
    }
    run.blockEnd.push(run.at.length);
  };
  let s = 0;
  const same = memo?.longest(order, targets, latest);
  if (same) {
    const old = same.run;
    for (; s < same.steps; s++) {
      const t = order[s]!;
      const got: Block[] = [];
      for (let j = s === 0 ? 0 : old.blockEnd[s - 1]!; j < old.blockEnd[s]!; j++) {
        const b = { task: t.idx, at: old.at[j]!, len: old.len[j]! };
        occ.place(b);
        got.push(b);
      }
      blocks.push(...got);
      meter.work += old.work[s]!;
      record(t, old.wants[s]!, old.work[s]!, got);
    }
  }
  for (; s < order.length; s++) {
    const t = order[s]!;
    const want = targets[t.idx]!;
    let work = 2 * (t.hi - t.lo);
    const quick = latest ? null : greedyEarliest(occ, t, want);
    if (quick) {
      blocks.push(...quick);
      meter.work += work;
      record(t, want, work, quick);
      continue;
    }
    work += (t.hi - t.lo) * (Math.min(t.maxLen, want) - t.minLen + 2);
    meter.work += work;
    const dp = aloneDp(occ, t, want, latest);
    if (!dp.has(want)) {
      if (memo) {
        memo.save(run);
        memo.spare = occ;
      }
      return t;
    }
    const got = dp.place(want);
    for (const b of got) {
      occ.place(b);
      blocks.push(b);
    }
    record(t, want, work, got);
  }
  memo?.save(run);
  return { occ, blocks };
}

/** First-fit from the window's start; placed into `occ` only when it places all of `want`. */
export function greedyEarliest(occ: Occupancy, t: PreparedTask, want: number): Block[] | null {
  const blocks: Block[] = [];
  let rem = want;
  for (let i = t.lo; i < t.hi && rem > 0; i++) {
    const avail = occ.runFrom(t, i, rem);
    const len = chooseLength(rem, avail, t.minLen, t.maxLen);
    if (len === 0) {
      // Later starts in a run too short for a chunk are shorter still.
      if (avail < t.minLen) i += Math.max(0, avail - 1);
      continue;
    }
    const b = { task: t.idx, at: i, len };
    occ.place(b);
    blocks.push(b);
    rem -= len;
    i += len - 1;
  }
  if (rem === 0) return blocks;
  for (const b of blocks) occ.remove(b);
  return null;
}
