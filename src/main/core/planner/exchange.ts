// Exchange pass: chunk sizes make the greedy leave value on the table — a
// task that takes 45 min where 30 would do can block another's whole 60-min
// chunk. For each short task, try giving up some of another task's time
// (the next smaller valid amount, or all of it) and keep the trade when the
// weighted total rises. Bounded by the oracle's work budget, so plan time stays
// flat on big inputs and the result stays deterministic.
import type { Oracle, Selection } from './select';
import { selectionOrder } from './select';
import { splittable } from './occupancy';
import type { PreparedTask } from './prepare';

function smallerAmounts(t: PreparedTask, v: number): number[] {
  let next = v - 1;
  while (next > 0 && !splittable(next, t.minLen, t.maxLen)) next--;
  return next > 0 ? [next, 0] : [0];
}

const overlaps = (a: PreparedTask, b: PreparedTask): boolean => a.lo < b.hi && b.lo < a.hi;

export function exchange(oracle: Oracle, sel: Selection): Selection {
  const { tasks } = oracle;
  const targets = sel.targets.slice();
  let layout = sel.layout;
  const caps = tasks.map((t) => oracle.cap(t));
  for (const k of selectionOrder(tasks)) {
    if (targets[k.idx]! >= caps[k.idx]!) continue;
    const donors = tasks
      .filter((j) => j !== k && targets[j.idx]! > 0 && overlaps(j, k))
      .sort((a, b) => a.weight - b.weight || b.hi - a.hi || a.idx - b.idx);
    let improved = true;
    while (improved && targets[k.idx]! < caps[k.idx]! && !oracle.spent) {
      improved = false;
      for (const j of donors) {
        if (oracle.spent) break;
        const had = targets[j.idx]!;
        if (had === 0) continue;
        for (const less of smallerAmounts(j, had)) {
          // Even k's whole cap would not repay what j gives up: skip the layouts.
          if ((caps[k.idx]! - targets[k.idx]!) * k.weight <= (had - less) * j.weight) continue;
          targets[j.idx] = less;
          const kGrown = oracle.grow(targets, k, caps[k.idx]!);
          if (!kGrown) continue;
          const gainK = (kGrown.amount - targets[k.idx]!) * k.weight;
          if (gainK <= (had - less) * j.weight) continue; // cannot pay off even if j grows back nothing
          const kHad = targets[k.idx]!;
          targets[k.idx] = kGrown.amount;
          // j takes back what still fits after k grew.
          const jGrown = oracle.grow(targets, j, had - 1);
          const jNow = jGrown ? jGrown.amount : less;
          if (gainK > (had - jNow) * j.weight) {
            targets[j.idx] = jNow;
            layout = jGrown ? jGrown.layout : kGrown.layout;
            improved = true;
            break;
          }
          targets[k.idx] = kHad;
        }
        if (improved) break;
        targets[j.idx] = had;
      }
    }
  }
  return { targets, layout };
}
