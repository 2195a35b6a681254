// Trade pass: block-level local improvement after the layout. The layout
// oracles are heuristics (exact feasibility with chunk rules is NP-hard), so
// the selection can leave a task short that would fit if a neighbour's blocks
// moved: one single gap held by a 2-slot task where a 3-slot min chunk of
// equal weight needed it. For each short task k and each other task j with
// movable blocks near k's window, both are taken out, k is put back in the
// most it can get (exact DP), then j the most it still can; the trade stays
// only when the weighted total strictly rises, else everything is restored.
// Everyone else's blocks stay put, so every rule still holds by the same
// checks the other passes use. Bounded by a work budget counted in DP cells,
// so plan time stays flat and the result deterministic.
import { aloneDp } from './alone';
import type { Block, Occupancy } from './occupancy';
import type { PreparedTask } from './prepare';

/** DP cells (window slots × amount) the pass may visit in one plan. */
export const TRADE_BUDGET = 3_000_000;

/** Most task t can get around everyone else's blocks now (its own movable blocks taken out first). */
function bestAlone(occ: Occupancy, t: PreparedTask, latest = false): Block[] {
  const cap = t.need - occ.placed[t.idx]!;
  if (cap < t.minLen) return [];
  const dp = aloneDp(occ.tl, t, cap, (i) => occ.usable(t, i) && !occ.touchesOwn(t.idx, i), latest);
  return dp.max > 0 ? dp.place(dp.max) : [];
}

const size = (bs: Block[]): number => bs.reduce((s, b) => s + b.len, 0);

export function tradeBlocks(order: PreparedTask[], occ: Occupancy, blocks: Block[], budget = TRADE_BUDGET): Block[] {
  let current = blocks;
  let work = 0;
  // Blocks of j within this many slots of k's window may hold its room (their buffer reaches in).
  const pad = Math.ceil(occ.tl.bufferMs / (15 * 60_000)) + 1;
  for (const k of order) {
    if (k.invalid || occ.placed[k.idx]! >= k.need) continue;
    const donors = [
      ...new Set(
        current.filter((b) => b.task !== k.idx && b.at < k.hi + pad && b.at + b.len + pad > k.lo).map((b) => b.task),
      ),
    ]
      .map((i) => order.find((t) => t.idx === i)!)
      .sort((a, b) => a.weight - b.weight || a.idx - b.idx);
    // One neighbour at a time first (lightest first); then all of them at once, a chain of
    // moves, put back in selection order.
    const moves = donors.map((j) => [j]);
    if (donors.length > 1) moves.push(order.filter((t) => donors.includes(t)));
    for (const group of moves) {
      if (occ.placed[k.idx]! >= k.need) break;
      // k as early as it can go, else as late (room for the others either side).
      for (const latest of [false, true]) {
        const cost = [k, ...group].reduce((s, t) => s + (t.hi - t.lo) * t.need, 0);
        if (work + cost > budget) return current;
        work += cost;
        const next = tryTrade(occ, current, k, group, latest);
        if (next) {
          current = next;
          break;
        }
      }
    }
  }
  return current;
}

/** Takes k and the group out, puts k back first, then the group in selection order; null (and nothing changed) unless the weighted total rises. */
function tryTrade(
  occ: Occupancy,
  current: Block[],
  k: PreparedTask,
  group: PreparedTask[],
  latest: boolean,
): Block[] | null {
  const moved = new Set([k.idx, ...group.map((t) => t.idx)]);
  const old = current.filter((b) => moved.has(b.task));
  for (const b of old) occ.remove(b);
  const fresh: Block[] = [];
  let gain = -group.reduce((s, t) => s + size(old.filter((b) => b.task === t.idx)) * t.weight, 0);
  gain -= size(old.filter((b) => b.task === k.idx)) * k.weight;
  for (const t of [k, ...group]) {
    const got = bestAlone(occ, t, t === k && latest);
    for (const b of got) occ.place(b);
    fresh.push(...got);
    gain += size(got) * t.weight;
  }
  if (gain > 0) return current.filter((b) => !moved.has(b.task)).concat(fresh);
  for (const b of fresh) occ.remove(b);
  for (const b of old) occ.place(b);
  return null;
}
