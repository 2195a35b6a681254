// The habit trade pass (planner/habit-trade.ts), judged against the same
// plan without it: the weighted on-time minutes (tasks and droppable habits
// at 8/4/2/1 per minute by priority, counted here) never go down, every
// habit and task rule still holds (the independent checkers), and a task
// loses time only to a habit at least as urgent as itself.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planWithHabits } from '../../../../src/main/core/planner';
import { checkHabits } from './helpers/habit-checker';
import { checkPlan } from './helpers/checker';
import { inputs, minutesBy, weighted } from './helpers/habit-inputs';

describe('habit trade pass', () => {
  it('never lowers the weighted on-time minutes, keeps every rule, and takes time only from tasks no more urgent', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const without = planWithHabits(input, { tradeHabits: false });
        const out = planWithHabits(input, { moveHabits: false });
        expect(checkHabits(input, out)).toEqual([]);
        const habitIds = new Set(input.habits.map((h) => h.id));
        const habitBlocks = out.proposals.filter((p) => habitIds.has(p.taskId));
        const taskInput = { ...input, busy: [...input.busy, ...habitBlocks.map(({ start, end }) => ({ start, end }))] };
        const taskOut = { ...out, proposals: out.proposals.filter((p) => !habitIds.has(p.taskId)) };
        expect(checkPlan(taskInput, taskOut)).toEqual([]);
        expect(weighted(input, out)).toBeGreaterThanOrEqual(weighted(input, without));
        const before = minutesBy(without);
        const after = minutesBy(out);
        const gainers = input.habits.filter((h) => h.droppable && (after.get(h.id) ?? 0) > (before.get(h.id) ?? 0));
        for (const t of input.tasks) {
          if ((after.get(t.id) ?? 0) >= (before.get(t.id) ?? 0)) continue;
          expect(
            gainers.some((h) => h.priority <= t.priority),
            `${t.id} (P${t.priority}) lost time`,
          ).toBe(true);
        }
      }),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 150) },
    );
  });
});
