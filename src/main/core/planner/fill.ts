// Last pass: any task still short takes whatever open gap fits a chunk, in
// selection order. Besides gaining time, it makes every plan maximal — no
// task could add a block to it — which is what makes re-planning with the
// same input return the same proposals.
import { chooseLength, type Block, type Occupancy } from './occupancy';
import type { PreparedTask } from './prepare';

export function fillGaps(order: PreparedTask[], occ: Occupancy): Block[] {
  const added: Block[] = [];
  for (const t of order) {
    if (t.invalid) continue;
    for (let i = t.lo; i < t.hi;) {
      const rem = t.need - occ.placed[t.idx]!;
      if (rem < t.minLen) break;
      const avail = occ.runFrom(t, i);
      if (avail < t.minLen) {
        i += Math.max(1, avail);
        continue;
      }
      // Keep a placeable remainder when possible; otherwise take what fits.
      const len = chooseLength(rem, avail, t.minLen, t.maxLen) || Math.min(avail, t.maxLen, rem);
      const block = { task: t.idx, at: i, len };
      occ.place(block);
      added.push(block);
      i += len;
    }
  }
  return added;
}
