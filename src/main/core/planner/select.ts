// Which task gets how much time. Heaviest tasks first (P1 = 8 … P4 = 1),
// each taking the most it can while everything already granted still lays
// out: without chunk rules this greedy is exactly optimal (the feasible
// amounts form a polymatroid); with them it is the backbone that the
// exchange pass then polishes.
import { aloneDp } from './alone';
import { layoutEdf, type Layout } from './layout';
import { RunMemo, layoutSequential } from './sequential';
import { splittable, type Occupancy } from './occupancy';
import type { PreparedTask } from './prepare';

export function selectionOrder(tasks: PreparedTask[]): PreparedTask[] {
  return [...tasks].sort((a, b) => b.weight - a.weight || a.hi - b.hi || a.lo - b.lo || a.idx - b.idx);
}

/**
 * Work budget, in rough units of slot visits (~10–20 ns each): the costly
 * fallback layouts and the exchange pass run only while the plan has spent
 * less than this, so plan time stays bounded on big inputs while small ones
 * get the full search. Counted, not timed, so the result is deterministic.
 */
export const WORK_BUDGET = 2_500_000;

/** Lays out targets on a base, counting the work so passes can share a budget. */
export class Oracle {
  calls = 0;
  work = 0;
  /** The sequential layouts' earlier runs: the base never changes, so they replay (sequential.ts). */
  readonly memo = new RunMemo();
  /** openBefore[i]: slots free on the base in [0, i). */
  private readonly openBefore: Int32Array;

  constructor(
    readonly tasks: PreparedTask[],
    readonly base: Occupancy,
  ) {
    const n = base.tl.n;
    this.openBefore = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) this.openBefore[i + 1] = this.openBefore[i]! + (base.open(i) ? 1 : 0);
  }

  /**
   * Room for task t by counting alone (a necessary condition, no layout):
   * in its window, and from the start up to its deadline, the open slots
   * must hold everything granted to tasks whose windows lie inside.
   */
  private headroom(targets: Int32Array, t: PreparedTask): number {
    let inWindow = this.openBefore[t.hi]! - this.openBefore[t.lo]!;
    let untilDue = this.openBefore[t.hi]!;
    for (const j of this.tasks) {
      const v = targets[j.idx]!;
      if (v === 0 || j === t) continue;
      if (j.hi <= t.hi) {
        untilDue -= v;
        if (j.lo >= t.lo) inWindow -= v;
      }
    }
    return Math.min(inWindow, untilDue);
  }

  get spent(): boolean {
    return this.work >= WORK_BUDGET;
  }

  /** EDF first; while the budget lasts, the two sequential layouts next. */
  layout(targets: Int32Array): Layout | null {
    this.calls++;
    let active = 0;
    for (const t of this.tasks) if (targets[t.idx]! > 0) active++;
    this.work += 4 * (this.base.tl.n + active);
    const edf = layoutEdf(this.tasks, targets, this.base, false, this.memo);
    if (edf || this.spent) return edf;
    return (
      layoutSequential(this.tasks, targets, this.base, 'edf', this) ??
      layoutSequential(this.tasks, targets, this.base, 'big-late', this)
    );
  }

  /** Most a task could take on top of the base, ignoring every other task. */
  cap(t: PreparedTask): number {
    const room = t.need - this.base.placed[t.idx]!;
    if (t.invalid || room < t.minLen) return 0;
    let open = 0;
    for (let i = t.lo; i < t.hi && open < room; i++) if (this.base.usable(t, i)) open++;
    return open >= t.minLen ? open : 0;
  }

  /**
   * The largest amount in (targets[t], cap] that splits into valid chunks
   * and still lays out with everyone else's targets, or null. Feasibility is
   * close to monotone in the amount, so a bisection finds it.
   */
  grow(targets: Int32Array, t: PreparedTask, cap: number): { amount: number; layout: Layout } | null {
    const from = targets[t.idx]!;
    const most = Math.min(cap, this.headroom(targets, t));
    const amounts: number[] = [];
    for (let v = from + 1; v <= most; v++) if (splittable(v, t.minLen, t.maxLen)) amounts.push(v);
    if (amounts.length === 0) return null;
    const tryAt = (k: number): Layout | null => {
      targets[t.idx] = amounts[k]!;
      const l = this.layout(targets);
      targets[t.idx] = from;
      return l;
    };
    // Smallest step first (when even that fails, one layout says so), then
    // the whole amount (it often fits), then bisect between.
    const first = tryAt(0);
    if (!first) return null;
    let found = { amount: amounts[0]!, layout: first };
    let ok = 0;
    let bad = amounts.length;
    for (let k = amounts.length - 1; bad - ok > 1; k = (ok + bad) >> 1) {
      const l = tryAt(k);
      if (l) {
        ok = k;
        found = { amount: amounts[k]!, layout: l };
      } else bad = k;
    }
    return found;
  }
}

export interface Selection {
  targets: Int32Array;
  layout: Layout;
}

export function selectAmounts(oracle: Oracle): Selection {
  const targets = new Int32Array(oracle.tasks.length);
  let layout: Layout = { occ: oracle.base.clone(), blocks: [] };
  // Tasks that could not get even one min chunk, as (window, min chunk).
  // Granted time only grows, so a later task with a window inside one of
  // these and a min chunk at least as long cannot get one either: on a big
  // overloaded backlog this skips most of the hopeless layouts.
  const failed: Array<{ lo: number; hi: number; minLen: number }> = [];
  for (const t of selectionOrder(oracle.tasks)) {
    const cap = oracle.cap(t);
    if (cap === 0) continue;
    // What fits into the gaps of the current layout costs no re-layout;
    // only when that falls short do others get moved to make room.
    const occ = layout.occ;
    const dp = aloneDp(occ, t, cap);
    // Read off now: a DP result is only good until the next one (alone.ts), and grow() runs more.
    const alone = dp.max > 0 ? dp.place(dp.max) : [];
    targets[t.idx] = dp.max;
    const hopeless = dp.max === 0 && failed.some((f) => t.lo >= f.lo && t.hi <= f.hi && t.minLen >= f.minLen);
    const grown = dp.max < cap && !hopeless ? oracle.grow(targets, t, cap) : null;
    if (!grown && dp.max === 0 && !t.forbidden) failed.push({ lo: t.lo, hi: t.hi, minLen: t.minLen });
    if (grown) {
      targets[t.idx] = grown.amount;
      layout = grown.layout;
    } else if (dp.max > 0) {
      for (const b of alone) {
        occ.place(b);
        layout.blocks.push(b);
      }
    }
  }
  return { targets, layout };
}
