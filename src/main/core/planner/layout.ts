// Lays out chosen amounts of work in time: earliest deadline first, one
// block at a time, each as long as the chunk rules allow. It is both the
// feasibility oracle of the selection and the layout the user sees, so work
// lands as early as the deadlines of everything else permit.
import { IndexHeap } from './heap';
import { Occupancy, chooseLength, type Block } from './occupancy';
import { joinsPrevious } from './timeline';
import type { PreparedTask } from './prepare';

export interface Layout {
  occ: Occupancy;
  blocks: Block[];
}

/**
 * Where a layout that failed leaves its occupancy for the next one on the
 * same base (same timeline and tasks) to reuse: the selection tries
 * thousands, most of them fail, and the copies were most of the garbage.
 */
export interface Recycler {
  spare: Occupancy | null;
}

/** EDF order: earlier deadline, then heavier, then the stable index. */
export function edfLess(tasks: PreparedTask[]): (a: number, b: number) => boolean {
  return (a, b) => {
    const x = tasks[a]!;
    const y = tasks[b]!;
    return x.hi !== y.hi ? x.hi < y.hi : x.weight !== y.weight ? x.weight > y.weight : a < b;
  };
}

/**
 * Places exactly `targets[t]` more slots for every task on top of `base`, or
 * returns null when this layout cannot (a heuristic answer: chunk rules make
 * exact feasibility NP-hard). With `wholeChunks`, a task starts a block only
 * where its next natural chunk fits whole — the unfragmented layout the user
 * should see when it exists.
 */
export function layoutEdf(
  tasks: PreparedTask[],
  targets: Int32Array,
  base: Occupancy,
  wholeChunks = false,
  recycle?: Recycler,
): Layout | null {
  const spare = recycle?.spare;
  if (recycle) recycle.spare = null;
  const occ = spare ? spare.copyFrom(base) : base.clone();
  const n = occ.tl.n;
  const rem = targets.slice();
  const blocks: Block[] = [];
  const waiting = tasks.filter((t) => rem[t.idx]! > 0).sort((a, b) => a.lo - b.lo || a.idx - b.idx);
  const less = edfLess(tasks);
  const heap = new IndexHeap(less);
  let pending = waiting.length;
  const longestMin = waiting.reduce((m, t) => Math.max(m, t.minLen), 0);
  let r = 0;
  const tried: number[] = [];
  for (let i = 0; i < n && pending > 0;) {
    while (r < waiting.length && waiting[r]!.lo <= i) heap.push(waiting[r++]!.idx);
    const top = heap.peek();
    if (top === undefined) {
      i = r < waiting.length ? Math.max(i + 1, waiting[r]!.lo) : n;
      continue;
    }
    if (tasks[top]!.hi <= i) {
      if (recycle) recycle.spare = occ;
      return null; // a deadline passed with work left
    }
    if (!occ.open(i)) {
      i++;
      continue;
    }
    // Every later start in this run is shorter still: when the run is too
    // short for every waiting task, jump past it.
    let run = 1;
    while (i + run < n && run < longestMin && occ.open(i + run) && joinsPrevious(occ.tl, i + run)) run++;
    if (run < shortestMin(heap, tasks, rem)) {
      i += run;
      continue;
    }
    let placed = false;
    while (heap.size > 0) {
      const k = heap.pop()!;
      tried.push(k);
      const t = tasks[k]!;
      if (t.hi <= i) continue;
      const avail = occ.runFrom(t, i, rem[k]!);
      let len = chooseLength(rem[k]!, avail, t.minLen, t.maxLen);
      if (len === 0) continue;
      if (wholeChunks) {
        if (len < chooseLength(rem[k]!, rem[k]!, t.minLen, t.maxLen)) continue;
      } else len = yieldToRelease(tasks, waiting, r, k, i, len, rem[k]!, less);
      const block = { task: k, at: i, len };
      occ.place(block);
      blocks.push(block);
      rem[k]! -= len;
      if (rem[k] === 0) {
        pending--;
        tried.pop();
      }
      i += len;
      placed = true;
      break;
    }
    for (const k of tried) heap.push(k);
    tried.length = 0;
    if (!placed) i++;
  }
  if (pending === 0) return { occ, blocks };
  if (recycle) recycle.spare = occ;
  return null;
}

function shortestMin(heap: IndexHeap, tasks: PreparedTask[], rem: Int32Array): number {
  let m = Infinity;
  for (const k of heap.items()) if (rem[k]! > 0) m = Math.min(m, tasks[k]!.minLen);
  return m;
}

// Blocks are not preempted once placed, so a block that would run into the
// release of a more urgent task is cut short there when the cut leaves valid
// chunks on both sides.
function yieldToRelease(
  tasks: PreparedTask[],
  waiting: PreparedTask[],
  r: number,
  k: number,
  i: number,
  len: number,
  rem: number,
  less: (a: number, b: number) => boolean,
): number {
  const next = waiting[r];
  if (!next || next.lo >= i + len || !less(next.idx, k)) return len;
  const cut = next.lo - i;
  const t = tasks[k]!;
  return cut >= t.minLen && (rem - cut === 0 || rem - cut >= t.minLen) ? cut : len;
}
