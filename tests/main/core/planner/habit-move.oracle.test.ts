// The habit move pass (planner/habit-search.ts) against the exact optimum
// (HiGHS on the bench's MILP, bench/planner/milp.ts) on the instances where
// the old rule lost most: hard+habits #19 and #33 of the quality bench.
// #19: a droppable P2 habit, 2× a week, took Sat squeezed to 45 min and Sun
// 11:30 (the longest fits first, "N× a week" days chosen without the tasks in
// view); a full hour on Thu 12:15 and Sun 12:30 instead, with the tasks
// planned afresh around them, give a P4 task due Fri its 45 min and another
// its whole half hour (two 15-min P4 tasks give way). Old rule: 1065 of 1155
// (0.9221). #33: a habit that may not be dropped sat at Thu 12:00, in "room no
// task wants" by a plan made before it; 15 min later, the tasks re-planned
// around it give a P1 task due that night its only 30-min gap (09:45, which
// a P2 task's 15 min held). Old rule: 3090 of 3270 (0.9450). base+habits
// #14: a daily P2 habit misses Thu 9 Apr because a 3×-a-week P2 habit holds
// its window (12:30+45); that one goes to Mon 6 Apr for 15 min (its minimum)
// and the daily one gets its 45 (habits +60 weighted), and the tasks planned
// afresh around them fit a P3 task that had nothing. Old rule: 0.9652.
import { describe, expect, it } from 'vitest';
import { qualityInstance } from '../../../../bench/planner/generate';
import { habitsFor, hardInstance } from '../../../../bench/planner/hard';
import { plannerScore } from '../../../../bench/planner/score';
import { planWithHabits } from '../../../../src/main/core/planner';
import type { HabitPlanInput } from '../../../../src/main/core/planner/types';
import { planAgainstOptimum } from './helpers/against-optimum';

describe('habit moves against the MILP optimum', () => {
  const cases: Array<[string, () => HabitPlanInput]> = [
    ['hard+habits #19', () => ({ ...hardInstance(19), habits: habitsFor(19) })],
    ['hard+habits #33', () => ({ ...hardInstance(33), habits: habitsFor(33) })],
    ['base+habits #14', () => ({ ...qualityInstance(14), habits: habitsFor(14) })],
  ];
  for (const [name, make] of cases) {
    it(`${name}: a habit block moved where the tasks or another habit fit around it (Q ≥ 0.97)`, async () => {
      const input = make();
      const { got, best } = await planAgainstOptimum(input);
      // The old rule (no moves) stays below 0.97 of the optimum; the moves lift it over.
      const old = plannerScore(input, planWithHabits(input, { moveHabits: false })).got;
      expect(old / best).toBeLessThan(0.97);
      expect(got).toBeGreaterThan(old);
      expect(got / best).toBeGreaterThanOrEqual(0.97);
    }, 60_000);
  }
});
