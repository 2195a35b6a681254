// Seeded instances for the planner benchmark: realistic weeks (meetings on
// half-hour or 5-minute marks, lunch breaks, several zones), tuned to a
// target busy share and task load.
import { buildTimeline } from '../../src/main/core/planner/timeline';
import type { BusyInterval, PlanInput, PlannerTask } from '../../src/main/core/planner/types';
import type { Priority, WorkingHours } from '../../src/shared/domain';

// One seeded generator for the whole project (the sample provider's); instances replay from their seed.
import { seededRandom as rng } from '../../src/main/core/demo/sample-google/ids';

export { rng };

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'UTC'];
const none: Array<[string, string]> = [];
const HOURS: WorkingHours[] = [
  {
    mon: [['09:00', '17:00']],
    tue: [['09:00', '17:00']],
    wed: [['09:00', '17:00']],
    thu: [['09:00', '17:00']],
    fri: [['09:00', '17:00']],
    sat: none,
    sun: none,
  },
  {
    mon: [
      ['08:30', '12:00'],
      ['13:00', '17:30'],
    ],
    tue: [
      ['08:30', '12:00'],
      ['13:00', '17:30'],
    ],
    wed: [
      ['08:30', '12:00'],
      ['13:00', '17:30'],
    ],
    thu: [
      ['08:30', '12:00'],
      ['13:00', '17:30'],
    ],
    fri: [['08:30', '13:00']],
    sat: none,
    sun: none,
  },
  {
    mon: [['10:00', '18:00']],
    tue: [['10:00', '18:00']],
    wed: [['10:00', '14:00']],
    thu: [['10:00', '18:00']],
    fri: [['10:00', '18:00']],
    sat: [['10:00', '13:00']],
    sun: none,
  },
];

export interface QualityParams {
  tasks: [number, number];
  horizonDays: [number, number];
  busyShare: [number, number];
  load: [number, number];
}

export const QUALITY: QualityParams = {
  tasks: [10, 25],
  horizonDays: [7, 14],
  busyShare: [0.2, 0.6],
  load: [0.5, 1.2],
};

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const between = (r: () => number, [a, b]: [number, number]): number => a + r() * (b - a);
const int = (r: () => number, [a, b]: [number, number]): number => a + Math.floor(r() * (b - a + 1));

export function qualityInstance(seed: number, p: QualityParams = QUALITY): PlanInput {
  const r = rng(seed * 7919 + 17);
  const timeZone = pick(r, ZONES);
  // Mid-March to mid-April 2026: spans the EU/US DST changes and Lord Howe's.
  const now =
    Date.UTC(2026, 2, 9) + Math.floor(r() * 30) * DAY + Math.floor(r() * 96) * 15 * MIN + (r() < 0.3 ? 7 * MIN : 0);
  const horizonDays = int(r, p.horizonDays);
  const base: PlanInput = {
    now,
    timeZone,
    horizonDays,
    workingHours: pick(r, HOURS),
    bufferMinutes: pick(r, [0, 5, 10, 15]),
    leadTimeMinutes: pick(r, [0, 0, 30]),
    tasks: [],
    busy: [],
    accepted: [],
    previous: [],
    rejected: [],
  };
  base.busy = meetings(r, base, between(r, p.busyShare));
  const free = freeMinutes(base);
  return { ...base, tasks: makeTasks(r, base, int(r, p.tasks), between(r, p.load) * free) };
}

function workingSlots(input: PlanInput): Float64Array {
  return buildTimeline({ ...input, bufferMinutes: 0 }, []).start;
}

function freeMinutes(input: PlanInput): number {
  const tl = buildTimeline(input, input.busy);
  return tl.free.reduce((s, f) => s + f, 0) * 15;
}

/** Meetings inside working time until `share` of it is busy. */
function meetings(r: () => number, input: PlanInput, share: number): BusyInterval[] {
  const slots = workingSlots(input);
  const busy: BusyInterval[] = [];
  const covered = new Set<number>();
  const target = share * slots.length;
  for (let guard = 0; covered.size < target && guard < 10_000 && slots.length > 0; guard++) {
    const anchor = slots[Math.floor(r() * slots.length)]!;
    const start = anchor + (r() < 0.25 ? pick(r, [5, 10, 20]) * MIN : 0);
    const end = start + pick(r, [15, 30, 30, 45, 60, 60, 90, 120]) * MIN;
    busy.push({ start, end, eventId: `e${busy.length}` });
    slots.forEach((s, i) => {
      if (s < end && s + 15 * MIN > start) covered.add(i);
    });
  }
  return busy;
}

function makeTasks(r: () => number, input: PlanInput, count: number, totalMinutes: number): PlannerTask[] {
  const raw = Array.from({ length: count }, () => 0.3 + r() * r() * 3);
  const sum = raw.reduce((a, b) => a + b, 0);
  const horizon = input.horizonDays * DAY;
  return raw.map((x, i) => {
    const durationMinutes = Math.max(15, Math.round(((x / sum) * totalMinutes) / 15) * 15);
    const minChunkMinutes = pick(r, [30, 60]);
    const maxChunkMinutes = Math.max(minChunkMinutes, pick(r, [60, 90, 120, 180]));
    const due = r() < 0.7 ? Math.round((input.now + (0.15 + 0.85 * r()) * horizon) / HOUR) * HOUR : null;
    const earliest = r() < 0.2 ? Math.round((input.now + r() * 0.5 * horizon) / HOUR) * HOUR : null;
    return {
      id: `t${String(i).padStart(2, '0')}`,
      title: `task ${i}`,
      durationMinutes,
      priority: (1 + Math.floor(r() * 4)) as Priority,
      due: due !== null && earliest !== null && earliest >= due ? null : due,
      earliest,
      minChunkMinutes,
      maxChunkMinutes,
    };
  });
}

/**
 * 300 tasks, 4 weeks, 2,000 busy events. Several calendars (team, rooms,
 * shared projects) repeat the same meetings, so the events overlap heavily:
 * about half the working time ends up busy, as in a real crowded calendar.
 */
export function speedInstance(seed = 1): PlanInput {
  const r = rng(seed);
  const now = Date.UTC(2026, 2, 16, 7, 0);
  const input: PlanInput = {
    now,
    timeZone: 'Europe/Berlin',
    horizonDays: 28,
    workingHours: HOURS[1]!,
    bufferMinutes: 10,
    leadTimeMinutes: 30,
    tasks: [],
    busy: [],
    accepted: [],
    previous: [],
    rejected: [],
  };
  const slots = workingSlots(input);
  const anchors: Array<[number, number]> = [];
  for (let i = 0; i < 50; i++) {
    const start = slots[Math.floor(r() * slots.length)]!;
    anchors.push([start, start + pick(r, [30, 45, 60, 60, 90]) * MIN]);
  }
  for (let i = 0; i < 2000; i++) {
    if (r() < 0.75) {
      const [start, end] = pick(r, anchors);
      input.busy.push({ start, end: end + pick(r, [0, 0, 15, -15]) * MIN, eventId: `e${i}` });
    } else {
      // Private evening events (18:00–22:00 UTC), outside working hours.
      const start = now + Math.floor(r() * 28) * DAY + 11 * HOUR + Math.floor(r() * 16) * 15 * MIN;
      input.busy.push({ start, end: start + pick(r, [30, 60, 120]) * MIN, eventId: `e${i}` });
    }
  }
  // A real backlog: ~450 h of tasks against a few dozen free hours.
  input.tasks = makeTasks(r, input, 300, 300 * 90);
  return input;
}
