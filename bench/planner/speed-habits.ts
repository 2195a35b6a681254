// The 20 habits of the speed bench (bench/habits-speed.ts) over all four
// priority levels and windows in and out of working hours; the planner's
// golden test plans them too, so they live apart from the bench's timing loop.
import type { PlannerHabit } from '../../src/main/core/planner/types';
import type { Priority } from '../../src/shared/domain';

const WINDOWS: Array<[string, string]> = [
  ['07:00', '09:00'],
  ['11:30', '13:30'],
  ['15:00', '17:00'],
  ['18:00', '20:00'],
];

export function habitsFor(n: number): PlannerHabit[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `habit-${String(i).padStart(2, '0')}`,
    durationMinutes: [30, 45, 60][i % 3]!,
    minDurationMinutes: i % 2 ? 15 : null,
    frequency:
      i % 3 === 0
        ? { kind: 'daily' as const }
        : i % 3 === 1
          ? { kind: 'weekdays' as const, days: ['mon' as const, 'wed' as const, 'fri' as const] }
          : { kind: 'timesPerWeek' as const, times: 3 },
    window: { start: WINDOWS[i % 4]![0], end: WINDOWS[i % 4]![1] },
    priority: ((i % 4) + 1) as Priority,
    droppable: i % 5 !== 0,
  }));
}
