// The most one task can get in a given set of usable slots, exactly, with
// its chunk bounds and same-task gaps: a reachability DP over (slot, amount)
// kept as one bitset per slot. Built over the window in time order, a
// placement reads off as early as possible; built over the reversed window,
// as late as possible.
import type { PreparedTask } from './prepare';
import type { Block, Occupancy } from './occupancy';

export interface AloneDp {
  /** Largest reachable amount ≤ cap. */
  max: number;
  has(amount: number): boolean;
  /** A placement of exactly `amount` (must be reachable), longest blocks first. */
  place(amount: number): Block[];
}

const NOTHING: AloneDp = {
  max: 0,
  has: (v) => v === 0,
  place: (v) => {
    if (v !== 0) throw new Error('planner: amount was not reachable');
    return [];
  },
};

/** A task's usable window in DP order: see aloneDp. */
export interface DpWindow {
  size: number;
  /** Slot index of DP position k. */
  slot(k: number): number;
  /** Usable slots contiguous with k going forward in DP order. */
  run: Int32Array;
  /** Where the same task may start again after a block whose last DP-order slot is k. */
  next: Int32Array;
}

// Scratch arrays reused by every call: this runs thousands of times a plan
// and the allocations (and the collections they cause) cost more than the
// loops. So a DpWindow, and an AloneDp built on one, is only good until the
// next dpWindow/aloneDp call: every caller reads it off at once.
let scratch = new Uint8Array(1024);
let runScratch = new Int32Array(1024);
let nextScratch = new Int32Array(1024);
let reachScratch = new Int32Array(1024);

/**
 * The window of the slots a new block of t may use (Occupancy.freeFor),
 * trimmed to the first and last of them; null when no gap holds a min chunk.
 * The hottest loop of the planner: it reads the occupancy's arrays directly.
 */
export function dpWindow(occ: Occupancy, t: PreparedTask, latest: boolean): DpWindow | null {
  const tl = occ.tl;
  const { free, joins, resume } = tl;
  const { cover, owner } = occ;
  const forbidden = t.forbidden;
  const me = t.idx;
  // In a crowded plan the usable span is short or empty, and then there is
  // nothing to solve.
  const width = Math.max(0, t.hi - t.lo);
  if (scratch.length < width) scratch = new Uint8Array(2 * width);
  const full = scratch;
  let lo = t.hi;
  let hi = t.lo;
  let longest = 0;
  for (let i = t.lo, run = 0; i < t.hi; i++) {
    // occ.freeFor(t, i), inlined.
    if (
      free[i] !== 1 ||
      cover[i] !== 0 ||
      (forbidden !== null && forbidden[i] === 1) ||
      (joins[i] === 1 && owner[i - 1] === me) ||
      (joins[i + 1] === 1 && owner[i + 1] === me)
    ) {
      full[i - t.lo] = 0;
      run = 0;
      continue;
    }
    full[i - t.lo] = 1;
    run = run > 0 && joins[i] === 1 ? run + 1 : 1;
    if (run > longest) longest = run;
    if (i < lo) lo = i;
    hi = i + 1;
  }
  if (longest < t.minLen) return null;
  const size = hi - lo;
  const slot = (k: number): number => (latest ? hi - 1 - k : lo + k);
  if (runScratch.length < size + 1) {
    runScratch = new Int32Array(2 * size + 2);
    nextScratch = new Int32Array(2 * size + 2);
  }
  const run = runScratch;
  const next = nextScratch;
  run[size] = 0;
  if (!latest) {
    // DP position k is slot lo + k.
    for (let k = size - 1; k >= 0; k--) {
      if (full[lo + k - t.lo] !== 1) run[k] = 0;
      else run[k] = 1 + (k + 1 < size && joins[lo + k + 1] === 1 ? run[k + 1]! : 0);
    }
    for (let k = 0; k < size; k++) next[k] = Math.min(hi, resume[lo + k]!) - lo;
  } else {
    // DP position k is slot hi - 1 - k.
    for (let k = size - 1; k >= 0; k--) {
      if (full[hi - 1 - k - t.lo] !== 1) run[k] = 0;
      else run[k] = 1 + (k + 1 < size && joins[hi - 1 - k] === 1 ? run[k + 1]! : 0);
    }
    // Reversed: a block whose earliest slot is `first` lets the next (earlier)
    // block end at the last slot e with resume[e] ≤ first.
    let e = -1;
    for (let k = size - 1; k >= 0; k--) {
      const first = hi - 1 - k;
      while (e + 1 < size && resume[lo + e + 1]! <= first) e++;
      next[k] = e < 0 ? size : hi - 1 - (lo + e);
    }
  }
  return { size, slot, run, next };
}

/** The most task t can get on top of `occ` (up to cap), exactly; placements read off early or late. */
export function aloneDp(occ: Occupancy, t: PreparedTask, cap: number, latest = false): AloneDp {
  const w = cap < t.minLen ? null : dpWindow(occ, t, latest);
  if (!w) return NOTHING;
  const { size, slot, run, next } = w;
  const dp = reachDp(size, cap, t.minLen, t.maxLen, run, next);
  return {
    max: dp.max,
    has: dp.has,
    place: (amount) =>
      dp.place(amount).map(([k, len]) => ({ task: t.idx, at: latest ? slot(k + len - 1) : slot(k), len })),
  };
}

interface Reach {
  max: number;
  has(v: number): boolean;
  place(amount: number): Array<[number, number]>;
}

function reachDp(size: number, cap: number, minLen: number, maxLen: number, run: Int32Array, next: Int32Array): Reach {
  // reach[k]: amounts placeable with blocks starting at k or later, as a
  // bitset. Small caps (the common case) fit a 31-bit integer, an order of
  // magnitude faster than BigInt.
  const small = cap < 31;
  const mask = small ? (cap >= 30 ? 0x7fffffff : (1 << (cap + 1)) - 1) : 0;
  const bigMask = small ? 0n : (1n << BigInt(cap + 1)) - 1n;
  if (small && reachScratch.length < size + 1) reachScratch = new Int32Array(2 * size + 2);
  const ints = small ? reachScratch : null;
  const bigs = small ? null : new Array<bigint>(size + 1).fill(1n);
  if (ints) ints[size] = 1;
  for (let k = size - 1; k >= 0; k--) {
    const longest = Math.min(maxLen, run[k]!, cap);
    if (ints) {
      let r = ints[k + 1]!;
      for (let len = minLen; len <= longest; len++) r |= (ints[next[k + len - 1]!]! << len) & mask;
      ints[k] = r;
    } else {
      let r = bigs![k + 1]!;
      for (let len = minLen; len <= longest; len++) r |= (bigs![next[k + len - 1]!]! << BigInt(len)) & bigMask;
      bigs![k] = r;
    }
  }
  const bit = (k: number, v: number): boolean =>
    v >= 0 && v <= cap && (ints ? ((ints[k]! >>> v) & 1) === 1 : ((bigs![k]! >> BigInt(v)) & 1n) === 1n);
  const top = ints ? 31 - Math.clz32(ints[0]!) : bigs![0]!.toString(2).length - 1;
  return {
    max: cap < minLen || size === 0 ? 0 : top,
    has: (v) => bit(0, v),
    place(amount) {
      const out: Array<[number, number]> = [];
      let v = amount;
      for (let k = 0; k < size && v > 0;) {
        let taken = 0;
        for (let len = Math.min(maxLen, run[k]!, v); len >= minLen; len--) {
          if (bit(next[k + len - 1]!, v - len)) {
            taken = len;
            break;
          }
        }
        if (taken === 0) {
          k++;
          continue;
        }
        out.push([k, taken]);
        v -= taken;
        k = next[k + taken - 1]!;
      }
      if (v !== 0) throw new Error('planner: amount was not reachable');
      return out;
    },
  };
}
