// The demo account's calendars, events, tasks and a habit: a pure function of a seed
// and "now", so a seed always gives the same account (screenshots, tests) and
// the weeks around "now" always look lived in. Times are wall times in each
// calendar's zone, written as Google writes them (RFC 3339 with the offset
// plus the IANA zone), so the engine reads them like any real account.
import type { HabitInput, TaskInput } from '../../../shared/schemas';
import { seededRandom } from './sample-google/ids';
import { offsetMinutes, wallToInstant } from './sample-google/calendar/time';
import type { GoogleEvent } from './sample-google/types';

export type SampleCalendarKey = 'primary' | 'team' | 'tokyo';

export interface SampleCalendar {
  key: SampleCalendarKey;
  summary: string;
  timeZone: string;
  /** owner: the user's own (blocks their time); reader: subscribed (does not, by default). */
  accessRole: 'owner' | 'reader';
}

export interface SampleEvent {
  calendar: SampleCalendarKey;
  event: GoogleEvent;
}

/** One instance of a series changed (moved, renamed) or, with change null, cancelled. */
export interface SampleException {
  calendar: SampleCalendarKey;
  seriesId: string;
  /** The instance's original start, as its `originalStartTime.dateTime`. */
  originalStart: string;
  change: Partial<GoogleEvent> | null;
}

export interface SampleData {
  user: { email: string; name: string };
  /** The user's zone: the settings' `timeZone` and the primary calendar's. */
  timeZone: string;
  calendars: SampleCalendar[];
  events: SampleEvent[];
  exceptions: SampleException[];
  tasks: TaskInput[];
  /** A routine, so the Tasks page's Habits section and the Plan's habit blocks show something. */
  habits: HabitInput[];
}

const DAY = 86_400_000;
const HOME = 'Europe/Berlin';
const CALENDARS: SampleCalendar[] = [
  { key: 'primary', summary: 'Ada Lovelace', timeZone: HOME, accessRole: 'owner' },
  { key: 'team', summary: 'Product team', timeZone: HOME, accessRole: 'owner' },
  { key: 'tokyo', summary: 'Tokyo office', timeZone: 'Asia/Tokyo', accessRole: 'reader' },
];

const MEETINGS = [
  'Design review',
  'Customer call',
  'Hiring interview',
  'Roadmap sync',
  'Lunch with Grace',
  'Budget check-in',
  'Pairing session',
  'Vendor demo',
  'Architecture chat',
  'Retro prep',
];
const TEAM = ['Team lunch', 'Release planning', 'Bug triage', 'Demo rehearsal', 'Support rotation handover'];
const TOKYO = ['Tokyo stand-up', 'Localisation review', 'Partner meeting (Osaka)', 'QA sign-off', 'Tokyo all-hands'];

const pad = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of a wall-clock day number (days since 1970-01-01 in wall time). */
function dateOf(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** A wall time in `tz` as Google writes it: local digits with the zone's offset at that instant. */
export function zonedDateTime(tz: string, day: number, minutes: number): string {
  const wall = day * DAY + minutes * 60_000;
  const off = offsetMinutes(tz, wallToInstant(tz, wall));
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${dateOf(day)}T${pad(Math.floor(minutes / 60) % 24)}:${pad(minutes % 60)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const timed = (tz: string, day: number, startMin: number, endMin: number) => ({
  start: { dateTime: zonedDateTime(tz, day, startMin), timeZone: tz },
  end: { dateTime: zonedDateTime(tz, day, endMin), timeZone: tz },
});

/** RRULE UNTIL in UTC basic form, as Google writes it for timed series. */
const until = (day: number): string => `${dateOf(day).replaceAll('-', '')}T235959Z`;

export function sampleData(o: { seed: number; now: number }): SampleData {
  const random = seededRandom(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  // Monday of "now"'s week in the user's zone, as a wall-clock day number.
  const today = Math.floor((o.now + offsetMinutes(HOME, o.now) * 60_000) / DAY);
  const monday = today - ((new Date(today * DAY).getUTCDay() + 6) % 7);
  const first = monday - 28;
  const last = monday + 41;
  const events: SampleEvent[] = [];
  const exceptions: SampleException[] = [];
  const add = (calendar: SampleCalendarKey, event: GoogleEvent) => events.push({ calendar, event });

  // Recurring meetings, with the exceptions real calendars are full of.
  const seriesId = (n: number) => `demoseries${n}s${o.seed >>> 0}`;
  add('primary', {
    id: seriesId(1),
    summary: 'Daily stand-up',
    ...timed(HOME, first, 9 * 60 + 30, 9 * 60 + 45),
    recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
  });
  add('primary', {
    id: seriesId(2),
    summary: '1:1 with Grace',
    ...timed(HOME, first + 1, 14 * 60, 14 * 60 + 30),
    recurrence: [`RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=${until(last)}`],
  });
  add('team', {
    id: seriesId(3),
    summary: 'Sprint review',
    ...timed(HOME, first + 3, 15 * 60, 16 * 60),
    recurrence: ['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;COUNT=6'],
  });
  add('primary', {
    id: seriesId(4),
    summary: 'Sync with New York',
    ...timed('America/New_York', first + 2, 10 * 60, 10 * 60 + 45),
    recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=WE'],
  });
  add('tokyo', {
    id: seriesId(5),
    summary: 'Tokyo weekly',
    ...timed('Asia/Tokyo', first, 10 * 60, 11 * 60),
    recurrence: [`RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=${until(last)}`],
  });
  // This week's Wednesday stand-up moved to 11:00; next Friday's cancelled; a 1:1 moved to Wednesday.
  exceptions.push({
    calendar: 'primary',
    seriesId: seriesId(1),
    originalStart: zonedDateTime(HOME, monday + 2, 9 * 60 + 30),
    change: { summary: 'Daily stand-up (moved)', ...timed(HOME, monday + 2, 11 * 60, 11 * 60 + 15) },
  });
  exceptions.push({
    calendar: 'primary',
    seriesId: seriesId(1),
    originalStart: zonedDateTime(HOME, monday + 11, 9 * 60 + 30),
    change: null,
  });
  exceptions.push({
    calendar: 'primary',
    seriesId: seriesId(2),
    originalStart: zonedDateTime(HOME, monday + 8, 14 * 60),
    change: timed(HOME, monday + 9, 16 * 60, 16 * 60 + 30),
  });

  for (let day = first; day <= last; day++) {
    const weekday = (new Date(day * DAY).getUTCDay() + 6) % 7; // 0 = Monday
    if (weekday >= 5) continue;
    // One-off meetings on half-hour slots between 10:00 and 17:00, some of them on the team calendar.
    const count = 1 + Math.floor(random() * 3);
    for (let i = 0; i < count; i++) {
      const start = 10 * 60 + 30 * Math.floor(random() * 13);
      const length = pick([30, 45, 60, 60, 90]);
      const team = random() < 0.3;
      const event: GoogleEvent = {
        summary: team ? pick(TEAM) : pick(MEETINGS),
        ...timed(HOME, day, start, Math.min(start + length, 18 * 60)),
      };
      if (!team && random() < 0.15)
        event.attendees = [{ email: 'ada@calsync.example', self: true, responseStatus: 'declined' }];
      if (random() < 0.2) event.location = pick(['Room Babbage', 'Room Hopper', 'Video call']);
      add(team ? 'team' : 'primary', event);
    }
    if (random() < 0.4)
      add('primary', { summary: 'Focus time', transparency: 'transparent', ...timed(HOME, day, 8 * 60, 9 * 60 + 30) });
    // The Tokyo office works in its own day: early morning in Berlin.
    const tokyoStart = 9 * 60 + 60 * Math.floor(random() * 7);
    add('tokyo', { summary: pick(TOKYO), ...timed('Asia/Tokyo', day, tokyoStart, tokyoStart + pick([30, 60])) });
  }

  // All-day events: a conference over three days, an offsite, a holiday, and a birthday.
  const allDay = (calendar: SampleCalendarKey, summary: string, day: number, days: number, extra: GoogleEvent = {}) =>
    add(calendar, { summary, start: { date: dateOf(day) }, end: { date: dateOf(day + days) }, ...extra });
  allDay('primary', 'Conference in Lisbon', monday + 15, 3);
  allDay('team', 'Team offsite', monday - 10, 1);
  allDay('primary', 'Public holiday', monday + 4, 1);
  allDay('primary', 'Release day', monday + 1, 1, { transparency: 'transparent' });
  allDay('tokyo', 'Office closed (Tokyo)', monday + 3, 1);
  allDay('primary', "Grace's birthday", monday + 2, 1, { eventType: 'birthday', recurrence: ['RRULE:FREQ=YEARLY'] });

  const inDays = (d: number, hour: number) =>
    new Date(wallToInstant(HOME, (today + d) * DAY + hour * 3_600_000)).toISOString();
  const tasks: TaskInput[] = [
    {
      title: 'Write the Q3 roadmap',
      durationMinutes: 240,
      priority: 1,
      due: inDays(5, 17),
      minChunkMinutes: 60,
      maxChunkMinutes: 120,
    },
    {
      title: 'Prepare the board deck',
      durationMinutes: 180,
      priority: 1,
      due: inDays(9, 12),
      minChunkMinutes: 60,
      maxChunkMinutes: 90,
    },
    { title: 'Review the hiring pipeline', durationMinutes: 60, priority: 2, due: inDays(3, 17) },
    {
      title: 'Plan the offsite agenda',
      durationMinutes: 120,
      priority: 2,
      due: inDays(12, 17),
      earliest: inDays(2, 9),
    },
    { title: 'Read the storage design doc', durationMinutes: 90, priority: 3 },
    {
      title: 'Expense report',
      durationMinutes: 30,
      priority: 4,
      due: inDays(6, 17),
      minChunkMinutes: 30,
      maxChunkMinutes: 30,
    },
  ];
  return {
    user: { email: 'ada@calsync.example', name: 'Ada Lovelace' },
    timeZone: HOME,
    calendars: CALENDARS,
    events,
    exceptions,
    tasks,
    habits: [
      {
        title: 'Lunch',
        durationMinutes: 45,
        minDurationMinutes: 30,
        frequency: { kind: 'weekdays', days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
        window: { start: '12:00', end: '13:30' },
        priority: 3,
        droppable: true,
      },
    ],
  };
}
