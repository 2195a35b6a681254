// The fixed world of the planner's example tests: a Monday-to-Friday office
// and a week in New York written as offsets, so no test depends on the TZ the
// suite runs under.
import type { HabitPlanInput } from '../../../../../src/main/core/planner/types';
import type { WorkingHours } from '../../../../../src/shared/domain';

export const at = (iso: string): number => Date.parse(iso);
export const iso = (t: number): string => new Date(t).toISOString();

export const office: WorkingHours = {
  mon: [['09:00', '17:00']],
  tue: [['09:00', '17:00']],
  wed: [['09:00', '17:00']],
  thu: [['09:00', '17:00']],
  fri: [['09:00', '17:00']],
  sat: [],
  sun: [],
};

/** An instant in December 2026 in New York, which is UTC-5 all month. */
export const ny = (day: number, hhmm: string): number => at(`2026-12-${String(day).padStart(2, '0')}T${hhmm}:00-05:00`);

/** From Monday 7 December 2026, 08:00 in New York, with nothing planned yet. */
export function nyInput(horizonDays: number, over: Partial<HabitPlanInput> = {}): HabitPlanInput {
  return {
    now: ny(7, '08:00'),
    timeZone: 'America/New_York',
    workingHours: office,
    bufferMinutes: 10,
    horizonDays,
    leadTimeMinutes: 0,
    tasks: [],
    busy: [],
    accepted: [],
    previous: [],
    rejected: [],
    habits: [],
    ...over,
  };
}
