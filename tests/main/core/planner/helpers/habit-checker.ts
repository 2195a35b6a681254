// Independent checks of a plan with habits: wall times come from Intl
// (helpers/wall.ts), never from the planner's own zone tables.
import type {
  HabitPlanInput,
  HabitPlanOutput,
  Interval,
  PlannerHabit,
} from '../../../../../src/main/core/planner/types';
import { WEEKDAYS } from '../../../../../src/shared/domain';
import { wallAt } from './wall';

const MIN = 60_000;
const Q = 15 * MIN;

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** True when every quarter of [start, end) reads inside the habit's window on one local day of its weekdays. */
export function insideWindow(timeZone: string, h: PlannerHabit, b: Interval): boolean {
  const first = wallAt(timeZone, b.start);
  const a = minutes(h.window.start);
  const z = minutes(h.window.end);
  if (h.frequency.kind === 'weekdays' && !h.frequency.days.includes(WEEKDAYS[first.weekday]!)) return false;
  for (let t = b.start; t < b.end; t += MIN) {
    const w = wallAt(timeZone, t);
    if (w.day !== first.day || w.minute < a || w.minute >= z) return false;
  }
  return true;
}

export function overlapsWithin(a: Interval, b: Interval, gap: number): boolean {
  return a.start < b.end + gap && b.start < a.end + gap;
}

/** Every broken rule, as text; [] when the habit blocks are all fine. */
export function checkHabits(input: HabitPlanInput, out: HabitPlanOutput): string[] {
  const errors: string[] = [];
  const habits = new Map(input.habits.map((h) => [h.id, h]));
  const buffer = input.bufferMinutes * MIN;
  const own = new Set(input.accepted.map((a) => a.googleEventId).filter(Boolean));
  const busy = input.busy.filter((b) => !(b.eventId && own.has(b.eventId)));
  const blocks = out.proposals.filter((p) => habits.has(p.taskId));
  const perDay = new Map<string, number>();
  const perWeek = new Map<string, number>();
  const count = (habitId: string, t: number): void => {
    const w = wallAt(input.timeZone, t);
    const dayKey = `${habitId}/${w.day}`;
    perDay.set(dayKey, (perDay.get(dayKey) ?? 0) + 1);
    const weekKey = `${habitId}/${w.day - w.weekday}`;
    perWeek.set(weekKey, (perWeek.get(weekKey) ?? 0) + 1);
  };
  for (const a of input.accepted) if (habits.has(a.taskId)) count(a.taskId, a.start);
  for (const b of blocks) {
    const h = habits.get(b.taskId)!;
    const label = `${h.id} ${new Date(b.start).toISOString()}–${new Date(b.end).toISOString()}`;
    count(h.id, b.start);
    if (!insideWindow(input.timeZone, h, b)) errors.push(`${label}: outside its window`);
    const len = b.end - b.start;
    const full = Math.ceil(h.durationMinutes / 15) * Q;
    const min = Math.ceil((h.minDurationMinutes ?? h.durationMinutes) / 15) * Q;
    if (len > full || len < Math.min(min, full) || len % Q !== 0) errors.push(`${label}: length ${len / MIN} min`);
    if (b.start < input.now + input.leadTimeMinutes * MIN) errors.push(`${label}: before the plan start`);
    if (b.end > input.now + input.horizonDays * 86_400_000) errors.push(`${label}: after the horizon`);
    for (const x of busy) if (overlapsWithin(b, x, buffer)) errors.push(`${label}: over busy time (with buffer)`);
    for (const x of input.accepted) if (overlapsWithin(b, x, buffer)) errors.push(`${label}: over an accepted block`);
    for (const p of out.proposals)
      if (p !== b && overlapsWithin(b, p, buffer)) errors.push(`${label}: next to or over proposal ${p.id}`);
    for (const r of input.rejected)
      if (r.taskId === h.id && r.start < b.end && b.start < r.end) errors.push(`${label}: on a rejected slot`);
  }
  for (const [key, n] of perDay) if (n > 1) errors.push(`${key}: ${n} occurrences on one day`);
  for (const [key, n] of perWeek) {
    const h = habits.get(key.split('/')[0]!)!;
    if (h.frequency.kind === 'timesPerWeek' && n > h.frequency.times) errors.push(`${key}: ${n} in one week`);
  }
  return errors;
}
