// The local days a habit may occur on, each with the quarter-hour slots of
// its window that day. The window plays the part working hours play for
// tasks (same slot rule, so clock changes behave the same way: a missing hour
// is absent, a repeated one counts twice), but it is the habit's own: an
// evening gym window works although it lies outside working hours.
import { WEEKDAYS } from '../../../shared/domain';
import type { PlannerHabit } from './types';
import { DAY, QUARTER, dayOf, firstInstantAtWall, wallMs, weekdayOf, type Zone } from '../../../shared/time/zone';
import { parseHhmm, workingSlotStarts, type DayRanges } from './working-time';

export interface HabitDay {
  /** Civil day number of the local date. */
  day: number;
  /** Slot starts of the window from the plan start on, ascending. */
  slots: number[];
  /** The window began before the plan start (today, already running). */
  partial: boolean;
}

export interface HabitDays {
  /** Days whose whole window lies before the horizon end, in order. */
  days: HabitDay[];
  /** Last civil day whose window ends inside the horizon (weeks after it are cut). */
  lastDay: number;
  /** First civil day considered (the plan start's local day). */
  firstDay: number;
}

export function habitRanges(h: PlannerHabit): DayRanges {
  const range: [number, number] = [parseHhmm(h.window.start), parseHhmm(h.window.end)];
  const f = h.frequency;
  return WEEKDAYS.map((d) => (f.kind !== 'weekdays' || f.days.includes(d) ? [range] : []));
}

/** Every day of the frequency's weekdays from the plan start's day to the horizon. */
export function habitDays(zone: Zone, h: PlannerHabit, planStart: number, horizonEnd: number): HabitDays {
  const firstDay = dayOf(wallMs(zone, planStart));
  const from = firstInstantAtWall(zone, firstDay * DAY);
  // A day past the horizon too, to tell which days' windows the horizon cuts.
  const starts = workingSlotStarts(zone, habitRanges(h), from, horizonEnd + DAY);
  const byDay = new Map<number, number[]>();
  for (const s of starts) {
    const d = dayOf(wallMs(zone, s));
    let list = byDay.get(d);
    if (!list) byDay.set(d, (list = []));
    list.push(s);
  }
  const days: HabitDay[] = [];
  let lastDay = dayOf(wallMs(zone, horizonEnd));
  for (const [day, slots] of [...byDay.entries()].sort((a, b) => a[0] - b[0])) {
    if (slots[slots.length - 1]! + QUARTER > horizonEnd) {
      lastDay = Math.min(lastDay, day - 1);
      continue;
    }
    const left = slots.filter((s) => s >= planStart);
    if (left.length === 0) continue; // today's window is over: nothing to plan, nothing to report
    days.push({ day, slots: left, partial: left.length < slots.length });
  }
  return { days: days.filter((d) => d.day <= lastDay), lastDay, firstDay };
}

/** Monday (civil day number) of the local week of `day`. */
export function weekOf(day: number): number {
  return day - weekdayOf(day);
}

const WEEKDAY = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTH = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Thu 10 Dec" — always with the date, since a habit's reasons are per day. */
export function formatDay(day: number): string {
  const d = new Date(day * DAY);
  return `${WEEKDAY[weekdayOf(day)]} ${d.getUTCDate()} ${MONTH[d.getUTCMonth()]}`;
}

/** "2026-12-10" */
export function isoDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}
