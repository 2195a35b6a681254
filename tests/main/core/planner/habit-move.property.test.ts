// The habit move pass (planner/habit-search.ts), judged against the same plan
// without it (the trade pass runs in both): the weighted on-time minutes never
// go down, every habit and task rule still holds (the independent checkers),
// and a task loses time only to something at least as urgent that gained: a
// task of its priority or more urgent, or a droppable habit at least as urgent.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planWithHabits } from '../../../../src/main/core/planner';
import { checkHabits } from './helpers/habit-checker';
import { checkPlan } from './helpers/checker';
import { inputs, minutesBy, weighted } from './helpers/habit-inputs';

describe('habit move pass', () => {
  it('never lowers the weighted on-time minutes, keeps every rule, and takes time only for something as urgent', () => {
    let moved = 0;
    fc.assert(
      fc.property(inputs, (input) => {
        const without = planWithHabits(input, { moveHabits: false });
        const out = planWithHabits(input);
        expect(checkHabits(input, out)).toEqual([]);
        const habitIds = new Set(input.habits.map((h) => h.id));
        const habitBlocks = out.proposals.filter((p) => habitIds.has(p.taskId));
        const taskInput = { ...input, busy: [...input.busy, ...habitBlocks.map(({ start, end }) => ({ start, end }))] };
        const taskOut = { ...out, proposals: out.proposals.filter((p) => !habitIds.has(p.taskId)) };
        expect(checkPlan(taskInput, taskOut)).toEqual([]);
        const gotten = weighted(input, out);
        const before = weighted(input, without);
        expect(gotten).toBeGreaterThanOrEqual(before);
        if (gotten > before) moved++;
        const was = minutesBy(without);
        const now = minutesBy(out);
        const gained = (id: string): boolean => (now.get(id) ?? 0) > (was.get(id) ?? 0);
        for (const t of input.tasks) {
          if ((now.get(t.id) ?? 0) >= (was.get(t.id) ?? 0)) continue;
          const byTask = input.tasks.some((x) => x.priority <= t.priority && gained(x.id));
          const byHabit = input.habits.some((h) => h.droppable && h.priority <= t.priority && gained(h.id));
          expect(byTask || byHabit, `${t.id} (P${t.priority}) lost time`).toBe(true);
        }
      }),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 150) },
    );
    // The property is about moves that happened: the generated inputs must give the pass work.
    expect(moved).toBeGreaterThan(0);
  });
});
