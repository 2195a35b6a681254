// checkDrop(): may one block of a task sit exactly at [start, end)? The user
// drags or resizes a proposed block in the week view and the engine answers
// with the same hard rules plan() obeys — grid, chunk bounds, window (lead
// time, earliest, due, horizon), working hours, busy time and its buffer, and
// never touching the task's own accepted blocks — naming the first that fails.
import type { DropReason } from '../../../shared/api';
import { formatDuration, formatWhen } from './format';
import type { BusyInterval, Interval, PlanSettings, PlannerTask } from './types';
import { DAY, MINUTE, QUARTER, buildZone, wallMs, type Zone } from '../../../shared/time/zone';
import { parseWorkingHours, workingSlotStarts } from './working-time';

export interface DropInput extends PlanSettings {
  task: PlannerTask;
  start: number;
  end: number;
  /** Meetings and every other accepted block (the task's own included), as plan() sees busy time. */
  busy: BusyInterval[];
  /** The task's accepted blocks: they count toward its duration and may not be touched. */
  ownAccepted: Interval[];
}

export interface DropRefusal {
  reason: DropReason;
  detail: string;
  /** For `busy` and `buffer`: the event in the way. */
  eventId?: string | null;
}

export function checkDrop(input: DropInput): DropRefusal | null {
  const { task, start, end, now } = input;
  const zone = buildZone(input.timeZone, Math.min(now, start), Math.max(now, end));
  const at = (t: number) => formatWhen(zone, t, now);
  const span = spanFormatter(at);
  const refuse = (reason: DropReason, detail: string, eventId?: string | null): DropRefusal =>
    eventId === undefined ? { reason, detail } : { reason, detail, eventId };

  if (!(end > start)) return refuse('off-grid', 'a block must end after it starts');
  if (!onGrid(zone, start) || !onGrid(zone, end))
    return refuse('off-grid', 'blocks start and end on the quarter hour (:00, :15, :30, :45)');

  const length = (end - start) / MINUTE;
  const acceptedMs = input.ownAccepted.reduce((s, a) => s + Math.max(0, a.end - a.start), 0);
  const needMin = (Math.ceil(Math.max(0, task.durationMinutes * MINUTE - acceptedMs) / QUARTER) * QUARTER) / MINUTE;
  if (needMin === 0) return refuse('too-long', 'the task is already fully planned in accepted blocks');
  if (length > needMin)
    return refuse(
      'too-long',
      `${formatDuration(length)} is more than the ${formatDuration(needMin)} the task still needs`,
    );
  const minLen = Math.min(Math.ceil(task.minChunkMinutes / 15) * 15, needMin);
  const maxLen = Math.floor(task.maxChunkMinutes / 15) * 15;
  if (length < minLen)
    return refuse(
      'min-chunk',
      `${formatDuration(length)} is shorter than the task's min chunk of ${formatDuration(minLen)}`,
    );
  if (length > maxLen)
    return refuse(
      'max-chunk',
      `${formatDuration(length)} is longer than the task's max chunk of ${formatDuration(maxLen)}`,
    );

  const planStart = now + Math.max(0, input.leadTimeMinutes) * MINUTE;
  if (start < planStart)
    return refuse(
      'too-soon',
      start < now ? `${at(start)} has already passed` : `blocks start at least ${input.leadTimeMinutes} min from now`,
    );
  if (task.earliest !== null && start < task.earliest)
    return refuse('before-earliest', `the task starts no earlier than ${at(task.earliest)}`);
  if (task.due !== null && end > task.due) return refuse('after-due', `the task is due ${at(task.due)}`);
  const horizonEnd = now + Math.max(0, input.horizonDays) * DAY;
  if (end > horizonEnd)
    return refuse('outside-horizon', `past the planning horizon (${input.horizonDays} days, until ${at(horizonEnd)})`);

  const slots = workingSlotStarts(zone, parseWorkingHours(input.workingHours), start, end);
  if (slots.length !== (end - start) / QUARTER) {
    const first = firstNonWorking(slots, start, end);
    return refuse('outside-working-hours', `${at(first)} is outside your working hours`);
  }

  const clash = busyRefusal(input.busy, input.bufferMinutes, start, end, span);
  if (clash) return clash;
  // Back to back with its own block it would be one stretch longer than a chunk (buffer 0 included).
  if (input.ownAccepted.some((a) => a.end === start || a.start === end))
    return refuse('touches-own-block', 'it would join another block of the same task into one longer block');
  return null;
}

/** "Mon 10:00–11:00": the end's day is said only when it differs. */
export function spanFormatter(at: (t: number) => string): (a: number, b: number) => string {
  return (a, b) => {
    const [x, y] = [at(a), at(b)];
    const day = (w: string) => w.slice(0, w.lastIndexOf(' '));
    return day(x) === day(y) ? `${x}–${y.slice(y.lastIndexOf(' ') + 1)}` : `${x}–${y}`;
  };
}

/** A block over busy time, or within the buffer of it, with the event in the way; null when clear. */
export function busyRefusal(
  busy: BusyInterval[],
  bufferMinutes: number,
  start: number,
  end: number,
  span: (a: number, b: number) => string,
): DropRefusal | null {
  const ordered = [...busy].sort((a, b) => a.start - b.start || a.end - b.end);
  const hit = ordered.find((b) => b.start < end && b.end > start);
  if (hit)
    return { reason: 'busy', detail: `overlaps busy time ${span(hit.start, hit.end)}`, eventId: hit.eventId ?? null };
  const buffer = Math.max(0, bufferMinutes) * MINUTE;
  const near = ordered.find((b) => b.start - buffer < end && b.end + buffer > start);
  if (near)
    return {
      reason: 'buffer',
      detail: `within the ${bufferMinutes}-min buffer of busy time ${span(near.start, near.end)}`,
      eventId: near.eventId ?? null,
    };
  return null;
}

export function onGrid(zone: Zone, t: number): boolean {
  return ((wallMs(zone, t) % QUARTER) + QUARTER) % QUARTER === 0;
}

function firstNonWorking(slots: number[], start: number, end: number): number {
  const have = new Set(slots);
  for (let t = start; t < end; t += QUARTER) if (!have.has(t)) return t;
  return start;
}
