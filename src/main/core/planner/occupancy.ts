// Who holds which slot, and which slots a block's buffer keeps clear. Counts
// (not flags) so a block can be taken out again during improvement passes.
import type { PreparedTask } from './prepare';
import { slotsOverlapping, joinsPrevious, type Timeline } from './timeline';
import { QUARTER } from '../../../shared/time/zone';

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

  constructor(
    readonly tl: Timeline,
    taskCount: number,
    from?: Occupancy,
  ) {
    this.owner = from ? from.owner.slice() : new Int32Array(tl.n).fill(-1);
    this.cover = from ? from.cover.slice() : new Int32Array(tl.n);
    this.placed = from ? from.placed.slice() : new Int32Array(taskCount);
  }

  clone(): Occupancy {
    return new Occupancy(this.tl, this.placed.length, this);
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
    const tl = this.tl;
    return (
      (joinsPrevious(tl, i) && this.owner[i - 1] === task) ||
      (i + 1 < tl.n && joinsPrevious(tl, i + 1) && this.owner[i + 1] === task)
    );
  }

  /** Longest block of task t that may start at slot i (0 if none). */
  runFrom(t: PreparedTask, i: number, limit = Infinity): number {
    if (!this.usable(t, i)) return 0;
    if (joinsPrevious(this.tl, i) && this.owner[i - 1] === t.idx) return 0;
    let len = 1;
    while (len < limit && this.usable(t, i + len) && joinsPrevious(this.tl, i + len)) len++;
    const next = i + len;
    if (next < this.tl.n && joinsPrevious(this.tl, next) && this.owner[next] === t.idx) len--;
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
    const s = tl.start[b.at]!;
    const e = tl.start[b.at + b.len - 1]! + QUARTER;
    const [lo, hi] = slotsOverlapping(tl, s - tl.bufferMs, e + tl.bufferMs);
    for (let i = lo; i < hi; i++) this.cover[i]! += d;
    for (let i = b.at; i < b.at + b.len; i++) this.owner[i] = d === 1 ? b.task : -1;
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
