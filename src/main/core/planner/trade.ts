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
export const TRADE_BUDGET = 200_000;

/** Most task t can get around everyone else's blocks now (its own movable blocks taken out first). */
function bestAlone(occ: Occupancy, t: PreparedTask, latest = false): Block[] {
  const cap = t.need - occ.placed[t.idx]!;
  if (cap < t.minLen) return [];
  const dp = aloneDp(occ, t, cap, latest);
  return dp.max > 0 ? dp.place(dp.max) : [];
}

const size = (bs: Block[]): number => bs.reduce((s, b) => s + b.len, 0);

/** Donors tried one at a time per short task, lightest first; all of them at once only up to this many. */
const MAX_DONORS = 12;
/** Other short tasks given the chance to fill what a trade frees (their gain counts toward it). */
const MAX_FOLLOWERS = 3;

export function tradeBlocks(order: PreparedTask[], occ: Occupancy, blocks: Block[], budget = TRADE_BUDGET): Block[] {
  let current = blocks;
  const spent = { work: 0, budget };
  // Blocks of j within this many slots of k's window may hold its room (their buffer reaches in).
  const pad = Math.ceil(occ.tl.bufferMs / (15 * 60_000)) + 1;
  const byIdx = new Map(order.map((t) => [t.idx, t]));
  for (const k of order) {
    if (k.invalid || occ.placed[k.idx]! >= k.need) continue;
    const near = new Set<number>();
    for (const b of current) if (b.task !== k.idx && b.at < k.hi + pad && b.at + b.len + pad > k.lo) near.add(b.task);
    const donors = [...near]
      .map((i) => byIdx.get(i)!)
      .sort((a, b) => a.weight - b.weight || a.idx - b.idx)
      .slice(0, MAX_DONORS);
    // One neighbour at a time first (lightest first); then all of them at once, a chain of
    // moves, put back in selection order.
    const moves = donors.map((j) => [j]);
    if (donors.length > 1 && near.size <= MAX_DONORS) moves.push(order.filter((t) => near.has(t.idx)));
    // Other short tasks whose windows meet k's: room the trade frees may fill them too.
    const alsoShort = order
      .filter((t) => t !== k && !t.invalid && occ.placed[t.idx]! < t.need && t.lo < k.hi && k.lo < t.hi)
      .slice(0, MAX_FOLLOWERS);
    for (const group of moves) {
      if (occ.placed[k.idx]! >= k.need || spent.work >= budget) break;
      // k as early as it can go, else as late (room for the others either side).
      const early = tryTrade(occ, current, k, group, alsoShort, false, spent);
      const next =
        early === 'k-gains-nothing' ? null : (early ?? tryTrade(occ, current, k, group, alsoShort, true, spent));
      if (next && next !== 'k-gains-nothing') current = next;
    }
    if (spent.work >= budget) break;
  }
  return current;
}

/**
 * Takes k and the group out, puts k back first, then the group in selection
 * order; null (and nothing changed) unless the weighted total rises. Each DP
 * is paid for from `spent` (window slots × amount); past the budget the
 * trade is abandoned.
 */
function tryTrade(
  occ: Occupancy,
  current: Block[],
  k: PreparedTask,
  group: PreparedTask[],
  followers: PreparedTask[],
  latest: boolean,
  spent: { work: number; budget: number },
): Block[] | null | 'k-gains-nothing' {
  const moved = new Set([k.idx, ...group.map((t) => t.idx)]);
  const old = current.filter((b) => moved.has(b.task));
  for (const b of old) occ.remove(b);
  const fresh: Block[] = [];
  const kHad = size(old.filter((b) => b.task === k.idx));
  let gain = -group.reduce((s, t) => s + size(old.filter((b) => b.task === t.idx)) * t.weight, 0) - kHad * k.weight;
  let result: Block[] | null | 'k-gains-nothing' = null;
  const tail = followers.filter((t) => !moved.has(t.idx));
  for (const t of [k, ...group, ...tail]) {
    spent.work += (t.hi - t.lo) * t.need;
    const got = bestAlone(occ, t, t === k && latest);
    for (const b of got) occ.place(b);
    fresh.push(...got);
    gain += size(got) * t.weight;
    // Even with its neighbours out of the way k gets no more: no trade with them can pay.
    if (t === k && size(got) <= kHad) {
      result = 'k-gains-nothing';
      break;
    }
    if (spent.work > spent.budget) break;
  }
  // The followers only added blocks (their own stay where they were).
  if (result === null && spent.work <= spent.budget && gain > 0)
    return current.filter((b) => !moved.has(b.task)).concat(fresh);
  for (const b of fresh) occ.remove(b);
  for (const b of old) occ.place(b);
  return result;
}
