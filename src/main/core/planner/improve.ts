// Local improvement: a task left short is taken out and put back in the best
// way the DP finds around everyone else's blocks. It only ever adds time, so
// it cannot undo the weighted selection, and afterwards "crowded out" is
// literally true for whoever is still short.
import { aloneDp } from './alone';
import { fewestBlocks } from './fewest';
import type { Block, Occupancy } from './occupancy';
import type { PreparedTask } from './prepare';

export function replaceShortTasks(order: PreparedTask[], occ: Occupancy, blocks: Block[]): Block[] {
  let current = blocks;
  for (const t of order) {
    if (t.invalid || occ.placed[t.idx]! >= t.need) continue;
    const own = current.filter((b) => b.task === t.idx);
    for (const b of own) occ.remove(b);
    // What stays (kept proposals of last plan) is fixed; re-place the rest.
    const fixed = occ.placed[t.idx]!;
    const movable = own.reduce((s, b) => s + b.len, 0);
    // Cheap bound first: no more open slots than already placed cannot improve.
    let open = 0;
    for (let i = t.lo; i < t.hi && open <= movable; i++) if (occ.freeFor(t, i)) open++;
    const dp = open > movable ? aloneDp(occ, t, t.need - fixed) : null;
    if (dp && dp.max > movable) {
      const better = dp.place(dp.max);
      for (const b of better) occ.place(b);
      current = current.filter((b) => b.task !== t.idx).concat(better);
    } else {
      for (const b of own) occ.place(b);
    }
  }
  return current;
}

/**
 * Fewer fragments: each task's own (not kept) blocks are re-placed in fewer
 * blocks when the gaps allow it, others staying where they are. The amount
 * never changes, so neither does the plan's value.
 */
export function defragment(order: PreparedTask[], occ: Occupancy, blocks: Block[]): Block[] {
  let current = blocks;
  for (const t of order) {
    const own = current.filter((b) => b.task === t.idx);
    if (own.length < 2) continue;
    const amount = own.reduce((s, b) => s + b.len, 0);
    for (const b of own) occ.remove(b);
    const fewer = fewestBlocks(occ, t, amount, own.length);
    const next = fewer ?? own;
    for (const b of next) occ.place(b);
    if (fewer) current = current.filter((b) => b.task !== t.idx).concat(fewer);
  }
  return current;
}
