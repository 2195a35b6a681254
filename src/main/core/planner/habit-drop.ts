// checkHabitDrop(): may a habit's block sit exactly at [start, end)? The user
// places a proposed habit block at a time of their choosing, or moves an
// accepted one (`accept <id> --at`, the week view). A habit's rules differ
// from a task's: its window replaces the working hours, the block lies in one
// local day's window, and the habit has at most one block a day. Busy time and
// its buffer apply as for tasks. The first rule that fails is named.
import { busyRefusal, onGrid, spanFormatter, type DropRefusal } from './drop';
import { formatDuration, formatWhen } from './format';
import { formatDay, habitRanges } from './habit-days';
import type { BusyInterval, Interval, PlanSettings, PlannerHabit } from './types';
import { DAY, MINUTE, QUARTER, buildZone, dayOf, wallMs, weekdayOf } from '../../../shared/time/zone';
import { workingSlotStarts } from './working-time';

export interface HabitDropInput extends PlanSettings {
  habit: PlannerHabit;
  start: number;
  end: number;
  /** Meetings and every accepted block except the one being moved. */
  busy: BusyInterval[];
  /** The habit's other accepted blocks (the one being moved left out). */
  sameHabit: Interval[];
}

export function checkHabitDrop(input: HabitDropInput): DropRefusal | null {
  const { habit: h, start, end, now } = input;
  const zone = buildZone(input.timeZone, Math.min(now, start) - DAY, Math.max(now, end) + DAY);
  const at = (t: number) => formatWhen(zone, t, now);
  const span = spanFormatter(at);
  const window = `${h.window.start}–${h.window.end}`;
  const refuse = (reason: DropRefusal['reason'], detail: string, eventId?: string | null): DropRefusal =>
    eventId === undefined ? { reason, detail } : { reason, detail, eventId };

  if (!(end > start)) return refuse('off-grid', 'a block must end after it starts');
  if (!onGrid(zone, start) || !onGrid(zone, end))
    return refuse('off-grid', 'blocks start and end on the quarter hour (:00, :15, :30, :45)');
  const length = (end - start) / MINUTE;
  const minLen = h.minDurationMinutes ?? h.durationMinutes;
  if (length < minLen)
    return refuse('min-chunk', `${formatDuration(length)} is shorter than the habit's ${formatDuration(minLen)}`);
  if (length > h.durationMinutes)
    return refuse(
      'too-long',
      `${formatDuration(length)} is longer than the habit's ${formatDuration(h.durationMinutes)}`,
    );
  const planStart = now + Math.max(0, input.leadTimeMinutes) * MINUTE;
  if (start < planStart)
    return refuse(
      'too-soon',
      start < now ? `${at(start)} has already passed` : `blocks start at least ${input.leadTimeMinutes} min from now`,
    );
  const horizonEnd = now + Math.max(0, input.horizonDays) * DAY;
  if (end > horizonEnd)
    return refuse('outside-horizon', `past the planning horizon (${input.horizonDays} days, until ${at(horizonEnd)})`);

  // Every quarter hour inside the window of one local day (the habit's weekdays only).
  const day = dayOf(wallMs(zone, start));
  const ranges = habitRanges(h);
  if (ranges[weekdayOf(day)]!.length === 0)
    return refuse('outside-window', `the habit does not occur on ${formatDay(day)}`);
  const slots = new Set(workingSlotStarts(zone, ranges, start, end));
  for (let t = start; t < end; t += QUARTER)
    if (!slots.has(t) || dayOf(wallMs(zone, t)) !== day)
      return refuse('outside-window', `${at(t)} is outside the habit's window ${window}`);
  if (input.sameHabit.some((a) => dayOf(wallMs(zone, a.start)) === day))
    return refuse('habit-day-taken', `the habit already has a block on ${formatDay(day)}`);

  return busyRefusal(input.busy, input.bufferMinutes, start, end, span);
}
