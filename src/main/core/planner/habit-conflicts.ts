// Accepted habit blocks that a meeting now overlaps, each with a move inside
// the habit's window on the same local day (a habit's occurrence belongs to
// its day): the valid start nearest the current one, earlier on ties, same
// length, clear of busy time, every other accepted block, the open proposals
// and the moves before it, by the buffer. When there is none the conflict
// says why (the window is over, or no free stretch of that length is left in
// it). `findConflicts` does the same for task blocks under working hours.
import { formatDuration } from './format';
import { formatDay, habitDays } from './habit-days';
import { Claims } from './habits';
import type { AcceptedBlock, BusyInterval, Conflict, HabitPlanInput, Interval } from './types';
import { DAY, MINUTE, QUARTER, buildZone, dayOf, wallMs } from '../../../shared/time/zone';

export interface HabitConflictInput extends HabitPlanInput {
  /** Proposals a move should not land on (the new plan's). */
  proposals?: Interval[];
}

const overlaps = (a: Interval, busy: BusyInterval[]): boolean => busy.some((b) => b.start < a.end && b.end > a.start);

export function findHabitConflicts(input: HabitConflictInput): Conflict[] {
  const habits = new Map(input.habits.map((h) => [h.id, h]));
  const ownEvents = new Set(input.accepted.map((a) => a.googleEventId).filter((id): id is string => !!id));
  const busy = input.busy.filter((b) => !(b.eventId && ownEvents.has(b.eventId)));
  const sorted = [...input.accepted].sort((a, b) => a.start - b.start || (a.proposalId < b.proposalId ? -1 : 1));
  const clashing = sorted.filter((a) => habits.has(a.taskId) && a.end > input.now && overlaps(a, busy));
  if (clashing.length === 0) return [];
  const planStart = input.now + Math.max(0, input.leadTimeMinutes) * MINUTE;
  const horizonEnd = input.now + Math.max(0, input.horizonDays) * DAY;
  // An accepted block may sit on a day whose window the horizon cuts: its own day is always looked at.
  const lastEnd = Math.max(horizonEnd, planStart, ...clashing.map((a) => a.end)) + 2 * DAY;
  const zone = buildZone(input.timeZone, input.now, lastEnd);
  const staying: AcceptedBlock[] = sorted.filter((a) => !clashing.includes(a));
  const claims = new Claims(Math.max(0, input.bufferMinutes) * MINUTE, [
    ...busy,
    ...staying,
    ...(input.proposals ?? []),
  ]);
  return clashing.map((block) => {
    const h = habits.get(block.taskId)!;
    const day = dayOf(wallMs(zone, block.start));
    const slots = habitDays(zone, h, planStart, lastEnd).days.find((d) => d.day === day)?.slots ?? [];
    const len = Math.ceil((block.end - block.start) / QUARTER);
    const window = `${h.window.start}–${h.window.end}`;
    let best: number | null = null;
    for (let i = 0; i + len <= slots.length; i++) {
      const s = slots[i]!;
      if (slots[i + len - 1] !== s + (len - 1) * QUARTER || !claims.clear(s, s + (block.end - block.start))) continue;
      if (best === null || Math.abs(s - block.start) < Math.abs(best - block.start)) best = s;
    }
    if (best === null) {
      const minutes = (block.end - block.start) / MINUTE;
      const reason =
        slots.length === 0
          ? `${formatDay(day)}: the window ${window} is over or not on that day`
          : `${formatDay(day)}: no free ${formatDuration(minutes)} left in the window ${window}`;
      return { proposalId: block.proposalId, moveTo: null, reason };
    }
    const moveTo = { start: best, end: best + (block.end - block.start) };
    claims.add([moveTo]);
    return { proposalId: block.proposalId, moveTo };
  });
}
