// The harder instance family (issue 18 item 4): fragmented calendars of
// 10–50-minute meetings on 5-minute marks with double-bookings, deadlines
// 4–52 h away, many 15–30-minute tasks whose min chunk is close to the gap
// sizes, buffers up to 30 minutes, zones with odd offsets over their DST
// change (Kathmandu has none: any week). Plus the habits both families are
// also measured with.
import { buildTimeline } from '../../src/main/core/planner/timeline';
import type { BusyInterval, PlanInput, PlannerHabit, PlannerTask } from '../../src/main/core/planner/types';
import type { Priority, Weekday, WorkingHours } from '../../src/shared/domain';
import { rng } from './generate';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Zone and the instants of its clock changes the instance's days are drawn around. */
const ZONES: Array<[string, number[]]> = [
  ['America/St_Johns', [Date.UTC(2026, 2, 8, 6), Date.UTC(2026, 10, 1, 5)]],
  ['Australia/Lord_Howe', [Date.UTC(2026, 3, 4, 15), Date.UTC(2026, 9, 3, 16)]],
  ['Pacific/Chatham', [Date.UTC(2026, 3, 4, 14), Date.UTC(2026, 8, 26, 14)]],
  ['Asia/Kathmandu', [Date.UTC(2026, 2, 29), Date.UTC(2026, 9, 25)]],
];

const every = (ranges: Array<[string, string]>, weekend: Array<[string, string]>): WorkingHours => ({
  mon: ranges,
  tue: ranges,
  wed: ranges,
  thu: ranges,
  fri: ranges,
  sat: weekend,
  sun: weekend,
});
// Weekends work too in some: the clock changes on a Sunday night.
const HOURS: WorkingHours[] = [
  every([['09:00', '17:00']], [['10:00', '12:00']]),
  every(
    [
      ['08:30', '12:00'],
      ['13:00', '17:30'],
    ],
    [['10:00', '14:00']],
  ),
  every([['07:45', '18:15']], [['09:00', '13:00']]),
];

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const between = (r: () => number, a: number, b: number): number => a + r() * (b - a);

export function hardInstance(seed: number): PlanInput {
  const r = rng(seed * 104_729 + 3);
  const [timeZone, changes] = pick(r, ZONES);
  const change = pick(r, changes);
  // Now 3.5 days to half a day before the change, on a 5-minute mark: the 4-day horizon crosses it.
  const now = Math.round((change - between(r, 0.5, 3.5) * DAY) / (5 * MIN)) * 5 * MIN;
  const base: PlanInput = {
    now,
    timeZone,
    horizonDays: 4,
    workingHours: pick(r, HOURS),
    bufferMinutes: pick(r, [0, 5, 10, 15, 20, 30]),
    leadTimeMinutes: pick(r, [0, 0, 10, 30]),
    tasks: [],
    busy: [],
    accepted: [],
    previous: [],
    rejected: [],
  };
  base.busy = fragmented(r, base, between(r, 0.3, 0.55));
  const tl = buildTimeline(base, base.busy);
  const free = tl.free.reduce((s, f) => s + f, 0) * 15;
  return { ...base, tasks: smallTasks(r, base, Math.round(between(r, 25, 45)), between(r, 0.8, 1.4) * free) };
}

/** 10–50-minute meetings on 5-minute marks until `share` of working time is busy; a fifth are double-booked. */
function fragmented(r: () => number, input: PlanInput, share: number): BusyInterval[] {
  const slots = buildTimeline({ ...input, bufferMinutes: 0 }, []).start;
  const busy: BusyInterval[] = [];
  const covered = new Set<number>();
  for (let guard = 0; covered.size < share * slots.length && guard < 5_000 && slots.length > 0; guard++) {
    const start = slots[Math.floor(r() * slots.length)]! + Math.floor(r() * 3) * 5 * MIN;
    const end = start + (10 + 5 * Math.floor(r() * 9)) * MIN;
    busy.push({ start, end, eventId: `e${busy.length}` });
    if (r() < 0.2) {
      // Double-booked: a second meeting overlapping the first, shifted by 5–20 minutes.
      const shift = pick(r, [-20, -10, -5, 5, 10, 15]) * MIN;
      busy.push({ start: start + shift, end: end + shift + pick(r, [0, 10]) * MIN, eventId: `e${busy.length}` });
    }
    slots.forEach((s, i) => {
      if (s < end && s + 15 * MIN > start) covered.add(i);
    });
  }
  return busy;
}

function smallTasks(r: () => number, input: PlanInput, count: number, totalMinutes: number): PlannerTask[] {
  const tasks: PlannerTask[] = [];
  for (let i = 0; i < count; i++) {
    const long = r() < 0.15;
    const durationMinutes = long ? pick(r, [45, 60, 90]) : pick(r, [15, 30, 30]);
    // Min chunks close to the gaps: mostly the whole task (15 or 30 min), else 30.
    const minChunkMinutes = long ? pick(r, [30, 45]) : r() < 0.7 ? durationMinutes : 15;
    const maxChunkMinutes = Math.max(minChunkMinutes, pick(r, [30, 45, 60]));
    const due = r() < 0.85 ? Math.round((input.now + between(r, 4, 52) * HOUR) / (5 * MIN)) * 5 * MIN : null;
    tasks.push({
      id: `t${String(i).padStart(2, '0')}`,
      title: `task ${i}`,
      durationMinutes,
      priority: (1 + Math.floor(r() * 4)) as Priority,
      due,
      earliest: null,
      minChunkMinutes,
      maxChunkMinutes,
    });
  }
  // Scale the count down to the load: drop tasks past the total.
  let sum = 0;
  return tasks.filter((t) => (sum += t.durationMinutes) <= totalMinutes || sum === t.durationMinutes);
}

const WINDOWS: Array<[string, string]> = [
  ['07:30', '09:00'],
  ['11:30', '13:30'],
  ['12:00', '14:00'],
  ['15:00', '17:00'],
  ['17:30', '20:00'],
];
const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** 2–5 seeded habits: daily, on chosen weekdays or N× a week, in windows inside and outside working hours. */
export function habitsFor(seed: number): PlannerHabit[] {
  const r = rng(seed * 31 + 5);
  const n = 2 + Math.floor(r() * 4);
  return Array.from({ length: n }, (_, i) => {
    const durationMinutes = pick(r, [30, 45, 60, 90]);
    const kind = pick(r, ['daily', 'weekdays', 'timesPerWeek'] as const);
    const window = pick(r, WINDOWS);
    return {
      id: `habit-${i}`,
      durationMinutes,
      minDurationMinutes:
        r() < 0.5
          ? pick(
              r,
              [15, 30].filter((m) => m < durationMinutes),
            )
          : null,
      frequency:
        kind === 'daily'
          ? { kind }
          : kind === 'weekdays'
            ? { kind, days: WEEKDAYS.filter(() => r() < 0.6) }
            : { kind, times: 1 + Math.floor(r() * 3) },
      window: { start: window[0], end: window[1] },
      priority: (1 + Math.floor(r() * 4)) as Priority,
      droppable: r() < 0.7,
    };
  }).map((h) =>
    h.frequency.kind === 'weekdays' && h.frequency.days.length === 0 ? { ...h, frequency: { kind: 'daily' } } : h,
  );
}
