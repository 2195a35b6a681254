// Who holds which slot, and which slots a block's buffer keeps clear. Counts
// (not flags) so a block can be taken out again during improvement passes.
import type { PreparedTask } from './prepare';
import type { Timeline } from './timeline';

export interface Block {
  task: number;
  /** First slot index and length in slots. */
  at: number;
  len: number;
}

export class Occupancy {
  readonly owner: Int32Array;
  readonly cover: Int32Array;
  readonly placed: Int32Array;
  // The three arrays are views of one: the layouts clone an occupancy per
  // attempt, thousands of times a plan, and one copy is cheaper than three.
  private readonly all: Int32Array;

  constructor(
    readonly tl: Timeline,
    taskCount: number,
    from?: Occupancy,
  ) {
    const n = tl.n;
    if (from) this.all = from.all.slice();
    else {
      this.all = new Int32Array(2 * n + taskCount);
      this.all.fill(-1, 0, n);
    }
    this.owner = this.all.subarray(0, n);
    this.cover = this.all.subarray(n, 2 * n);
    this.placed = this.all.subarray(2 * n);
  }

  clone(): Occupancy {
    return new Occupancy(this.tl, this.placed.length, this);
  }

  /** Back to no blocks at all. */
  clear(): this {
    this.owner.fill(-1);
    this.cover.fill(0);
    this.placed.fill(0);
    return this;
  }

  /** Becomes a copy of `other` (same timeline and task count), reusing this one's memory. */
  copyFrom(other: Occupancy): this {
    this.all.set(other.all);
    return this;
  }

  /** Free of busy time, other blocks and their buffers. */
  open(i: number): boolean {
    return this.tl.free[i] === 1 && this.cover[i] === 0;
  }

  /** Slot i may be part of a block of task t. */
  usable(t: PreparedTask, i: number): boolean {
    return i >= t.lo && i < t.hi && this.open(i) && !(t.forbidden && t.forbidden[i] === 1);
  }

  /** Slot i sits right next to one of task t's blocks, so no block of t may use it. */
  touchesOwn(task: number, i: number): boolean {
    const joins = this.tl.joins;
    return (joins[i] === 1 && this.owner[i - 1] === task) || (joins[i + 1] === 1 && this.owner[i + 1] === task);
  }

  /** Slot i may be part of a new block of task t: usable, and not touching one of t's blocks. */
  freeFor(t: PreparedTask, i: number): boolean {
    return this.usable(t, i) && !this.touchesOwn(t.idx, i);
  }

  /** Longest block of task t that may start at slot i (0 if none). */
  runFrom(t: PreparedTask, i: number, limit = Infinity): number {
    if (!this.usable(t, i)) return 0;
    const joins = this.tl.joins;
    if (joins[i] === 1 && this.owner[i - 1] === t.idx) return 0;
    let len = 1;
    while (len < limit && joins[i + len] === 1 && this.usable(t, i + len)) len++;
    const next = i + len;
    if (joins[next] === 1 && this.owner[next] === t.idx) len--;
    return len;
  }

  place(b: Block): void {
    this.mark(b, 1);
  }

  remove(b: Block): void {
    this.mark(b, -1);
  }

  private mark(b: Block, d: 1 | -1): void {
    const tl = this.tl;
    // The slots overlapping the block ± the buffer (timeline.ts).
    const lo = tl.coverFrom[b.at]!;
    const hi = Math.max(lo, tl.coverTo[b.at + b.len - 1]!);
    const cover = this.cover;
    for (let i = lo; i < hi; i++) cover[i]! += d;
    const who = d === 1 ? b.task : -1;
    const owner = this.owner;
    for (let i = b.at; i < b.at + b.len; i++) owner[i] = who;
    this.placed[b.task]! += d * b.len;
  }
}

/** True when `amount` slots split into blocks of minLen..maxLen each (0 always does). */
export function splittable(amount: number, minLen: number, maxLen: number): boolean {
  return amount === 0 || (amount >= minLen && Math.ceil(amount / maxLen) * minLen <= amount);
}

/**
 * Length of the next block of a task with `rem` slots to go, when `avail`
 * slots are open here: as long as allowed, but never leaving a remainder
 * that cannot be split into valid chunks. 0 = not here.
 */
export function chooseLength(rem: number, avail: number, minLen: number, maxLen: number): number {
  for (let len = Math.min(avail, maxLen, rem); len >= minLen; len--) {
    if (splittable(rem - len, minLen, maxLen)) return len;
  }
  return 0;
}
