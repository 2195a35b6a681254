// A working-hours patch names only the weekdays it changes; the others keep
// their hours. Setting one day must never wipe the rest of the week.
import { WEEKDAYS, type Weekday, type WorkingHours } from '../../../shared/domain';

export type WorkingHoursPatch = Partial<Record<Weekday, Array<[string, string]>>>;

export function mergeWorkingHours(current: WorkingHours, patch: WorkingHoursPatch): WorkingHours {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, patch[d] ?? current[d]])) as WorkingHours;
}

/** One line per weekday, e.g. "mon 09:00–12:00, 13:00–17:00" and "sat off". */
export function describeWeek(wh: WorkingHours): string {
  return WEEKDAYS.map((d) => `${d} ${wh[d].length ? wh[d].map(([a, b]) => `${a}–${b}`).join(', ') : 'off'}`).join('\n');
}
