// The oracle tests' common half: planWithHabits()'s plan of an instance, held
// to the independent checkers (habits, and the tasks around the habit blocks),
// with the proven optimum of the bench's MILP (HiGHS) beside it.
import { expect } from 'vitest';
import { buildMilp } from '../../../../../bench/planner/milp';
import { loadHighs, planAsMilpSolution, plannerScore, solveMilp } from '../../../../../bench/planner/score';
import { planWithHabits } from '../../../../../src/main/core/planner';
import type { HabitPlanInput, HabitPlanOutput } from '../../../../../src/main/core/planner/types';
import { checkHabits } from './habit-checker';
import { checkPlan } from './checker';

export interface AgainstOptimum {
  out: HabitPlanOutput;
  /** The plan's weighted on-time minutes. */
  got: number;
  /** The optimum's. */
  best: number;
}

export async function planAgainstOptimum(input: HabitPlanInput): Promise<AgainstOptimum> {
  const out = planWithHabits(input);
  expect(checkHabits(input, out)).toEqual([]);
  const habitIds = new Set(input.habits.map((h) => h.id));
  const habitBusy = out.proposals.filter((p) => habitIds.has(p.taskId)).map(({ start, end }) => ({ start, end }));
  const taskOut = { ...out, proposals: out.proposals.filter((p) => !habitIds.has(p.taskId)) };
  expect(checkPlan({ ...input, busy: [...input.busy, ...habitBusy] }, taskOut)).toEqual([]);

  const model = buildMilp(input);
  const { best, optimal } = solveMilp(await loadHighs(), model, planAsMilpSolution(out, model), 60);
  expect(optimal).toBe(true);
  return { out, got: plannerScore(input, out).got, best };
}
