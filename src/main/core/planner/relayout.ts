// Re-layout pass: a task left short gets a fresh layout of the whole plan
// built around it. The passes before it move one or two tasks' blocks at a
// time; some plans need a chain of moves instead (base+habits #8 of the
// quality bench: a P3 task whose window is one Wednesday finds that day's only
// 90-minute run split by a P1 task's 30-minute block and a P2 task's 45, and
// every other gap is full, so room opens only when several tasks shift at once).
// For a short task k: k asks for one more chunk's worth (then, as a second
// try, all it needs); k and every task at least as urgent with time in the
// plan are laid out again with exactly those amounts by the single-task DP,
// the narrowest windows first (a task that does not fit moves to the front,
// a bounded "squeaky wheel"); then the lighter tasks take what they can, in
// selection order. The best new plan stays only when the weighted total
// strictly rises, so only tasks lighter than k can lose time, and only when
// k gains more than they lose. Bounded by a work budget in slot visits, so big
// plans stay fast and every result is deterministic.
import { aloneDp } from './alone';
import { splittable, type Block, type Occupancy } from './occupancy';
import type { PreparedTask } from './prepare';

/** Slot visits the pass may spend in one plan. */
export const RELAYOUT_BUDGET = 600_000;
/** Orders tried per short task: the first, and this many squeaky-wheel retries. */
const RETRIES = 8;

/** What one DP of t for `want` slots is charged: its window times the block lengths it tries. */
const workOf = (t: PreparedTask, want: number): number =>
  (t.hi - t.lo) * (Math.max(0, Math.min(t.maxLen, want) - t.minLen) + 2);

const value = (tasks: PreparedTask[], occ: Occupancy): number =>
  tasks.reduce((s, t) => s + occ.placed[t.idx]! * t.weight, 0);

/**
 * `order` is the selection order, `base` the occupancy without our blocks
 * (the kept proposals only), `occ` and `blocks` the plan so far. Returns the
 * blocks of the plan; `occ` is updated in place when they change.
 */
export function relayoutShort(
  order: PreparedTask[],
  base: Occupancy,
  occ: Occupancy,
  blocks: Block[],
  budget = RELAYOUT_BUDGET,
): Block[] {
  let current = blocks;
  const meter = { work: 0 };
  for (const k of order) {
    if (meter.work >= budget) break;
    if (k.invalid || occ.placed[k.idx]! >= k.need) continue;
    const next = tryAround(order, base, occ, k, meter, budget);
    if (next && value(order, next.occ) > value(order, occ)) {
      occ.copyFrom(next.occ);
      current = next.blocks;
    }
  }
  return current;
}

function tryAround(
  order: PreparedTask[],
  base: Occupancy,
  occ: Occupancy,
  k: PreparedTask,
  meter: { work: number },
  budget: number,
): { occ: Occupancy; blocks: Block[] } | null {
  const targets = new Int32Array(occ.placed.length);
  for (const t of order) targets[t.idx] = occ.placed[t.idx]! - base.placed[t.idx]!;
  const had = targets[k.idx]!;
  const most = k.need - base.placed[k.idx]!;
  // k's next amount: one more chunk's worth (kept splittable), then all it needs.
  const wants: number[] = [];
  for (let v = had + k.minLen; v <= most; v++)
    if (splittable(v, k.minLen, k.maxLen)) {
      wants.push(v);
      break;
    }
  if (wants.length === 0) return null;
  if (most > wants[0]! && splittable(most, k.minLen, k.maxLen)) wants.push(most);
  const now = value(order, occ);
  const width = (a: PreparedTask, b: PreparedTask): number => a.hi - a.lo - (b.hi - b.lo) || a.idx - b.idx;
  const first = order.filter((t) => !t.invalid && (t === k || (t.weight >= k.weight && targets[t.idx]! > 0)));
  const last = order.filter((t) => !t.invalid && t !== k && t.weight < k.weight);
  // One whole layout's work, known before it starts: on a plan too big for the budget
  // (the 300-task backlog) nothing is begun, so nothing is wasted.
  targets[k.idx] = wants[wants.length - 1]!;
  let cost = occ.tl.n;
  for (const t of [...first, ...last]) cost += workOf(t, targets[t.idx]!);
  if (meter.work + cost > budget) {
    meter.work = budget;
    return null;
  }
  let best: { occ: Occupancy; blocks: Block[]; v: number } | null = null;
  for (const want of wants) {
    targets[k.idx] = want;
    let list = [...first].sort(width);
    for (let attempt = 0; attempt <= RETRIES; attempt++) {
      if (meter.work >= budget) return best;
      const laid = placeSoft([...list, ...last], targets, base, k, meter, budget);
      if (laid === 'over') return best;
      if ('occ' in laid) {
        const v = value(order, laid.occ);
        if (v > now && (!best || v > best.v)) best = { ...laid, v };
        break;
      }
      if (list[0] === laid) break;
      list = [laid, ...list.filter((t) => t !== laid)];
    }
  }
  return best;
}

/**
 * The tasks in this order, each by the exact single-task DP around those
 * before it: one at least as heavy as k must get exactly its target (else it
 * is returned: the layout failed), a lighter one takes the most it can.
 * 'over' when the work budget ran out.
 */
function placeSoft(
  list: PreparedTask[],
  targets: Int32Array,
  base: Occupancy,
  k: PreparedTask,
  meter: { work: number },
  budget: number,
): { occ: Occupancy; blocks: Block[] } | PreparedTask | 'over' {
  const occ = base.clone();
  meter.work += occ.tl.n;
  const blocks: Block[] = [];
  for (const t of list) {
    const want = targets[t.idx]!;
    meter.work += workOf(t, want);
    if (meter.work > budget) return 'over';
    const hard = t.weight >= k.weight;
    const dp = aloneDp(occ, t, hard ? want : t.need - base.placed[t.idx]!);
    if (hard && !dp.has(want)) return t;
    const got = dp.place(hard ? want : dp.max);
    for (const b of got) {
      occ.place(b);
      blocks.push(b);
    }
  }
  return { occ, blocks };
}
