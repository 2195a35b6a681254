// Inputs and weighted minutes shared by the habit trade and move properties:
// habits in a few overlapping windows inside working hours, where they and
// the tasks compete; tasks and habits weigh 8/4/2/1 per minute by priority.
import fc from 'fast-check';
import type { HabitPlanInput, HabitPlanOutput, PlannerHabit } from '../../../../../src/main/core/planner/types';
import type { Priority } from '../../../../../src/shared/domain';
import { planInput } from './arbitraries';

const MIN = 60_000;
const WEIGHT = [0, 8, 4, 2, 1];
const WINDOWS: Array<[string, string]> = [
  ['08:00', '10:00'],
  ['11:30', '13:30'],
  ['12:00', '14:00'],
  ['15:00', '17:00'],
];

/** Habits in a few shared, overlapping windows inside working hours: where they and the tasks compete. */
const habitArb = (id: string): fc.Arbitrary<PlannerHabit> =>
  fc
    .record({
      w: fc.integer({ min: 0, max: WINDOWS.length - 1 }),
      dur: fc.constantFrom(30, 45, 60, 90),
      min: fc.constantFrom(null, 15, 30),
      freq: fc.oneof(
        fc.constant({ kind: 'daily' as const }),
        fc.integer({ min: 1, max: 4 }).map((times) => ({ kind: 'timesPerWeek' as const, times })),
      ),
      priority: fc.integer({ min: 1, max: 4 }),
      droppable: fc.boolean(),
    })
    .map((r) => ({
      id,
      durationMinutes: r.dur,
      minDurationMinutes: r.min !== null && r.min < r.dur ? r.min : null,
      frequency: r.freq,
      window: { start: WINDOWS[r.w]![0], end: WINDOWS[r.w]![1] },
      priority: r.priority as Priority,
      droppable: r.droppable,
    }));

export const inputs: fc.Arbitrary<HabitPlanInput> = fc
  .tuple(planInput({ maxHorizonDays: 9 }), fc.array(fc.integer(), { minLength: 1, maxLength: 4 }))
  .chain(([input, ids]) =>
    fc.tuple(...ids.map((_, i) => habitArb(`habit${i}`))).map((habits) => ({ ...input, habits })),
  );

export function minutesBy(out: HabitPlanOutput): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of out.proposals) m.set(p.taskId, (m.get(p.taskId) ?? 0) + (p.end - p.start) / MIN);
  return m;
}

export function weighted(input: HabitPlanInput, out: HabitPlanOutput): number {
  const weight = new Map<string, number>([
    ...input.tasks.map((t): [string, number] => [t.id, WEIGHT[t.priority]!]),
    // A habit that may not be dropped is placed first either way; its weight only has to be the same on both sides.
    ...input.habits.map((h): [string, number] => [h.id, WEIGHT[h.priority]!]),
  ]);
  return [...minutesBy(out)].reduce((s, [id, m]) => s + weight.get(id)! * m, 0);
}
