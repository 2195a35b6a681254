// The sequential oracles: tasks one after another, each placed by the exact
// single-task DP around what is already placed. In EDF order each goes as
// early as it can; "big-late" places the tasks with the longest min chunk
// first and as late as their windows allow, leaving the early gaps to tasks
// that are due sooner and can use short chunks. Both pack awkward chunk
// sizes that slot-by-slot EDF wastes; when a task does not fit, it moves to
// the front and the order is tried again (a "squeaky wheel" retry).
import { aloneDp } from './alone';
import { edfLess, type Layout } from './layout';
import { chooseLength, type Block, type Occupancy } from './occupancy';
import type { PreparedTask } from './prepare';

export type SequentialMode = 'edf' | 'big-late';

export const RETRIES = 2;

/** Counts slot visits, so callers can bound the work spent. */
export interface Meter {
  work: number;
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
  const occ = base.clone();
  meter.work += occ.tl.n;
  const blocks: Block[] = [];
  for (const t of order) {
    const want = targets[t.idx]!;
    meter.work += 2 * (t.hi - t.lo);
    const quick = latest ? null : greedyEarliest(occ, t, want);
    if (quick) {
      blocks.push(...quick);
      continue;
    }
    meter.work += (t.hi - t.lo) * (Math.min(t.maxLen, want) - t.minLen + 2);
    const dp = aloneDp(occ, t, want, latest);
    if (!dp.has(want)) return t;
    for (const b of dp.place(want)) {
      occ.place(b);
      blocks.push(b);
    }
  }
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
