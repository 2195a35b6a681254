// Fewer, longer blocks: a task's time re-placed with the smallest number of
// blocks the free gaps allow (as early as possible among those), when that
// beats what the layout produced. One reachability bitset per block count.
import { dpWindow } from './alone';
import type { Block, Occupancy } from './occupancy';
import type { PreparedTask } from './prepare';

/** `amount` slots in fewer than `below` blocks, or null. Amounts up to 30 slots (7.5 h). */
export function fewestBlocks(occ: Occupancy, t: PreparedTask, amount: number, below: number): Block[] | null {
  if (amount > 30 || below < 2) return null;
  const w = dpWindow(occ, t, false);
  if (!w) return null;
  const { size, run, next } = w;
  const mask = amount >= 30 ? 0x7fffffff : (1 << (amount + 1)) - 1;
  // reach[b][k]: amounts placeable in exactly b blocks that start at k or later.
  const reach: Int32Array[] = [new Int32Array(size + 1).fill(1)];
  for (let b = 1; b < below; b++) {
    const prev = reach[b - 1]!;
    const cur = new Int32Array(size + 1);
    for (let k = size - 1; k >= 0; k--) {
      let r = cur[k + 1]!;
      const longest = Math.min(t.maxLen, run[k]!, amount);
      for (let len = t.minLen; len <= longest; len++) r |= (prev[next[k + len - 1]!]! << len) & mask;
      cur[k] = r;
    }
    reach.push(cur);
    if ((cur[0]! >>> amount) & 1) return readOff(t, w, reach, b, amount);
  }
  return null;
}

function readOff(
  t: PreparedTask,
  w: NonNullable<ReturnType<typeof dpWindow>>,
  reach: Int32Array[],
  blocks: number,
  amount: number,
): Block[] {
  const out: Block[] = [];
  let v = amount;
  let b = blocks;
  for (let k = 0; k < w.size && b > 0;) {
    let taken = 0;
    for (let len = Math.min(t.maxLen, w.run[k]!, v); len >= t.minLen; len--) {
      if ((reach[b - 1]![w.next[k + len - 1]!]! >>> (v - len)) & 1) {
        taken = len;
        break;
      }
    }
    if (taken === 0) {
      k++;
      continue;
    }
    out.push({ task: t.idx, at: w.slot(k), len: taken });
    v -= taken;
    b--;
    k = w.next[k + taken - 1]!;
  }
  return out;
}
