// An independent oracle for the Insights hours: every UTC minute is looked at
// on its own, its local date and wall clock read from Intl, and given a kind by
// the rules written out plainly here (no interval arithmetic, no code shared
// with src/main/core/insights or the planner's zone tables).
import type { CachedEvent, WorkingHours } from '../../../../src/shared/domain';

const MIN = 60_000;
const DAY = 86_400_000;
const KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export interface OracleCalendar {
  id: string;
  blocksTime: boolean;
}

export interface OracleInput {
  now: number;
  timeZone: string;
  workingHours: WorkingHours;
  allDayEventsBlock: boolean;
  weeksBack: number;
  weeksAhead: number;
  events: CachedEvent[];
  calendars: OracleCalendar[];
}

export interface OracleWeek {
  weekStart: string;
  working: number;
  meeting: number;
  planned: number;
  focus: number;
  free: number;
}

interface Wall {
  date: string;
  /** Minutes since local midnight. */
  minute: number;
  /** 0 = Monday. */
  weekday: number;
}

function wallReader(timeZone: string): (t: number) => Wall {
  const fmt = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  // Modern offsets change on whole quarter hours of UTC: read Intl once per quarter.
  const cache = new Map<number, Wall>();
  return (t) => {
    const q = Math.floor(t / (15 * MIN)) * 15 * MIN;
    let w = cache.get(q);
    if (!w) {
      const p = Object.fromEntries(fmt.formatToParts(new Date(q)).map((x) => [x.type, x.value]));
      const date = `${p.year}-${p.month}-${p.day}`;
      w = {
        date,
        minute: Number(p.hour) * 60 + Number(p.minute),
        weekday: (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7,
      };
      cache.set(q, w);
    }
    return { ...w, minute: w.minute + (t - q) / MIN };
  };
}

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

const hhmm = (s: string): number => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

export function oracle(o: OracleInput): {
  weeks: OracleWeek[];
  days: Map<string, { meeting: number; working: number }>;
} {
  const wall = wallReader(o.timeZone);
  const today = wall(o.now);
  const firstMonday = addDays(today.date, -today.weekday - 7 * (o.weeksBack - 1));
  const weekCount = o.weeksBack + o.weeksAhead;
  const end = addDays(firstMonday, 7 * weekCount);
  const blocks = new Map(o.calendars.map((c) => [c.id, c.blocksTime]));
  const live = o.events.filter((e) => e.status !== 'cancelled' && e.selfResponse !== 'declined');
  const busy = live.filter(
    (e) =>
      e.calsync === null &&
      blocks.get(e.calendarId) === true &&
      e.transparency !== 'transparent' &&
      (!e.allDay || (o.allDayEventsBlock && e.eventType !== 'birthday')),
  );
  const covers = (e: CachedEvent, t: number, date: string): boolean =>
    e.allDay
      ? e.startDate! <= date && date < e.endDate!
      : !e.endTimeUnspecified && Date.parse(e.start!) <= t && t < Date.parse(e.end!);
  const meetings = busy.filter((e) => e.eventType !== 'focusTime');
  const focusEvents = busy.filter((e) => e.eventType === 'focusTime');
  const planned = live.filter((e) => e.calsync !== null);

  const weeks: OracleWeek[] = Array.from({ length: weekCount }, (_, i) => ({
    weekStart: addDays(firstMonday, 7 * i),
    working: 0,
    meeting: 0,
    planned: 0,
    focus: 0,
    free: 0,
  }));
  const days = new Map<string, { meeting: number; working: number }>();
  // Open (free) minutes in order, to find the unbroken stretches afterwards.
  const open: Array<{ t: number; week: number }> = [];
  const scanFrom = Date.parse(`${firstMonday}T00:00:00Z`) - 2 * DAY;
  const scanTo = Date.parse(`${end}T00:00:00Z`) + 2 * DAY;
  for (let t = scanFrom; t < scanTo; t += MIN) {
    const w = wall(t);
    if (w.date < firstMonday || w.date >= end) continue;
    const ranges = o.workingHours[KEYS[w.weekday]!] ?? [];
    if (!ranges.some(([a, b]) => hhmm(a) <= w.minute && w.minute < hhmm(b))) continue;
    const week = Math.floor((Date.parse(`${w.date}T00:00:00Z`) - Date.parse(`${firstMonday}T00:00:00Z`)) / (7 * DAY));
    const wk = weeks[week]!;
    const day = days.get(w.date) ?? { meeting: 0, working: 0 };
    days.set(w.date, day);
    wk.working++;
    day.working++;
    if (meetings.some((e) => covers(e, t, w.date))) {
      wk.meeting++;
      day.meeting++;
    } else if (planned.some((e) => covers(e, t, w.date))) wk.planned++;
    else if (focusEvents.some((e) => covers(e, t, w.date))) wk.focus++;
    else open.push({ t, week });
  }
  for (let i = 0; i < open.length;) {
    let j = i + 1;
    while (j < open.length && open[j]!.t === open[j - 1]!.t + MIN) j++;
    const kind = j - i >= 120 ? 'focus' : 'free';
    for (let k = i; k < j; k++) weeks[open[k]!.week]![kind]++;
    i = j;
  }
  return { weeks, days };
}
