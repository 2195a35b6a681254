// How the working time of [from, to) was or will be spent. Pure.
//
// Every instant of working time gets exactly one kind, in this order:
//   meeting  — busy time by the planner's rules (planning/busy-events.ts:
//              calendars that block time, not declined, not transparent, not
//              cancelled, the own copy of a meeting decides, all-day events
//              when opaque and not birthdays unless all-day blocking is off),
//              except calsync's own task blocks and focus-time events;
//   planned  — an accepted calsync task block (an event carrying calsync's
//              marker), whatever calendar it sits on;
//   focus    — a busy Google "focusTime" event, or free working time in an
//              unbroken stretch of at least FOCUS_STRETCH (2 h): time long
//              enough for deep work. Stretches are measured across days and
//              weeks inside [from, to), and cut at its edges;
//   free     — the rest: free working time in shorter pieces.
// Only working time counts: a meeting at 20:00 outside working hours is not
// in any bar.
import type { CachedEvent, Settings } from '../../../shared/domain';
import { busyEvents, type CalendarLookup } from '../planning/busy-events';
import { busyInterval } from '../planning/plan-input';
import { HOUR, type Zone } from '../../../shared/time/zone';
import { intersect, subtract, union, type Span } from './intervals';
import { workingSpans } from './working-spans';

export const FOCUS_STRETCH = 2 * HOUR;

export interface TimeKinds {
  working: Span[];
  meeting: Span[];
  planned: Span[];
  focus: Span[];
  free: Span[];
}

export interface TimeKindsInput {
  zone: Zone;
  from: number;
  to: number;
  events: readonly CachedEvent[];
  calendarOf: CalendarLookup;
  settings: Pick<Settings, 'timeZone' | 'workingHours' | 'allDayEventsBlock'>;
}

export function timeKinds({ zone, from, to, events, calendarOf, settings }: TimeKindsInput): TimeKinds {
  const live = events.filter((e) => e.status !== 'cancelled');
  const spanOf = (e: CachedEvent): Span | null => {
    const b = busyInterval(e, settings.timeZone);
    return b ? [b.start, b.end] : null;
  };
  const spans = (list: CachedEvent[]): Span[] => union(list.map(spanOf).filter((s): s is Span => s !== null));
  const blocks = live.filter((e) => e.calsync !== null && e.selfResponse !== 'declined');
  const busy = busyEvents(
    live.filter((e) => e.calsync === null),
    calendarOf,
    settings,
  );
  const working = workingSpans(zone, settings.workingHours, from, to);
  const meeting = intersect(working, spans(busy.filter((e) => e.eventType !== 'focusTime')));
  const planned = subtract(intersect(working, spans(blocks)), meeting);
  const taken = union([...meeting, ...planned]);
  const focusEvents = subtract(intersect(working, spans(busy.filter((e) => e.eventType === 'focusTime'))), taken);
  const open = subtract(working, union([...taken, ...focusEvents]));
  const long = open.filter(([a, b]) => b - a >= FOCUS_STRETCH);
  const short = open.filter(([a, b]) => b - a < FOCUS_STRETCH);
  return { working, meeting, planned, focus: union([...focusEvents, ...long]), free: short };
}
