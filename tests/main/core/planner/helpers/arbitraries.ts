// Random plan inputs for property tests: weeks that contain DST changes in
// several zones (incl. +05:45, 30-minute DST, 45-minute offsets), working
// hours at 5-minute marks (some spanning the night of a change), meetings at
// odd minutes, tasks with odd durations and chunk bounds, accepted blocks,
// rejected slots and stale previous proposals.
import fc from 'fast-check';
import type { Priority, WorkingHours } from '../../../../../src/shared/domain';
import { WEEKDAYS } from '../../../../../src/shared/domain';
import type { PlanInput, PlannerTask } from '../../../../../src/main/core/planner/types';

const MIN = 60_000;
const Q = 15 * MIN;
const DAY = 86_400_000;

export const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'America/St_Johns',
  'Pacific/Chatham',
  'Asia/Kolkata',
  'UTC',
];

// Days just before 2026's DST changes: US 8 Mar, EU 29 Mar, Lord Howe and
// Chatham 5 Apr, Chatham 27 Sep, Lord Howe 4 Oct, EU 25 Oct, US 1 Nov; and a
// plain week in June.
const ANCHORS = [
  Date.UTC(2026, 2, 6),
  Date.UTC(2026, 2, 27),
  Date.UTC(2026, 3, 3),
  Date.UTC(2026, 8, 25),
  Date.UTC(2026, 9, 2),
  Date.UTC(2026, 9, 23),
  Date.UTC(2026, 9, 30),
  Date.UTC(2026, 5, 10),
];

const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

const dayRanges: fc.Arbitrary<Array<[string, string]>> = fc.oneof(
  fc.constant([] as Array<[string, string]>),
  fc.constant([['00:00', '24:00']] as Array<[string, string]>),
  fc.constant([['09:00', '17:00']] as Array<[string, string]>),
  fc.constant([['01:00', '04:30']] as Array<[string, string]>),
  fc
    .uniqueArray(fc.integer({ min: 0, max: 288 }), { minLength: 2, maxLength: 4 })
    .filter((xs) => xs.length % 2 === 0)
    .map((xs) => {
      const s = [...xs].sort((a, b) => a - b).map((x) => x * 5);
      const out: Array<[string, string]> = [];
      for (let i = 0; i < s.length; i += 2) out.push([hhmm(s[i]!), hhmm(s[i + 1]!)]);
      return out;
    }),
);

const workingHours: fc.Arbitrary<WorkingHours> = fc
  .tuple(...WEEKDAYS.map(() => dayRanges))
  .map((days) => Object.fromEntries(WEEKDAYS.map((d, i) => [d, days[i]!])) as WorkingHours);

const TASK_IDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf'];

export interface InputOptions {
  maxTasks?: number;
  maxHorizonDays?: number;
}

export function planInput(opts: InputOptions = {}): fc.Arbitrary<PlanInput> {
  const maxTasks = opts.maxTasks ?? 6;
  const maxH = opts.maxHorizonDays ?? 4;
  return fc
    .record({
      timeZone: fc.constantFrom(...ZONES),
      anchor: fc.constantFrom(...ANCHORS),
      offsetMin: fc.integer({ min: 0, max: 3 * 24 * 60 }),
      horizonDays: fc.integer({ min: 1, max: maxH }),
      leadTimeMinutes: fc.constantFrom(0, 0, 15, 37, 120),
      bufferMinutes: fc.constantFrom(0, 0, 5, 10, 15, 30, 45),
      workingHours,
      taskCount: fc.integer({ min: 0, max: maxTasks }),
      seeds: fc.array(fc.integer({ min: 0, max: 2 ** 30 }), { minLength: 60, maxLength: 60 }),
    })
    .map((r) => build(r));
}

function build(r: {
  timeZone: string;
  anchor: number;
  offsetMin: number;
  horizonDays: number;
  leadTimeMinutes: number;
  bufferMinutes: number;
  workingHours: WorkingHours;
  taskCount: number;
  seeds: number[];
}): PlanInput {
  // A tiny deterministic stream from fast-check's seeds keeps shrinking useful.
  let k = 0;
  const next = (n: number): number => r.seeds[k++ % r.seeds.length]! % n;
  const now = r.anchor + r.offsetMin * MIN;
  const span = r.horizonDays * 24 * 60;
  const at = (minutes: number): number => now + minutes * MIN;
  const tasks: PlannerTask[] = TASK_IDS.slice(0, r.taskCount).map((id) => {
    const minChunk = [5, 15, 20, 30, 45, 60, 90, 120][next(8)]!;
    // Now and then a pair with no grid length in between: an invalid task.
    const maxChunk = next(16) === 0 ? minChunk + 5 : Math.max(15, minChunk) + [0, 15, 30, 60, 120][next(5)]!;
    const due = next(3) === 0 ? null : at(next(span + 600) - 300);
    const earliest = next(4) === 0 ? at(next(span)) : null;
    return {
      id,
      title: id,
      durationMinutes: 5 + next(400),
      priority: (1 + next(4)) as Priority,
      due,
      earliest: earliest !== null && due !== null && earliest >= due && next(4) > 0 ? null : earliest,
      minChunkMinutes: minChunk,
      maxChunkMinutes: maxChunk,
    };
  });
  const busy = Array.from({ length: next(12) }, (_, i) => {
    const start = at(next(span + 240) - 240);
    return { start, end: start + (5 + next(180)) * MIN, eventId: `ev${i}` };
  });
  const ids = tasks.map((t) => t.id);
  const quarterAt = (minutes: number): number => Math.floor(at(minutes) / Q) * Q;
  const accepted =
    ids.length === 0
      ? []
      : Array.from({ length: next(3) }, (_, i) => {
          const start = quarterAt(next(span));
          return {
            proposalId: `acc${i}`,
            taskId: ids[next(ids.length)]!,
            start,
            end: start + (1 + next(6)) * Q,
            googleEventId: `g${i}`,
          };
        });
  // The accepted blocks' own Google events also come back as busy events.
  for (const a of accepted) if (next(2) === 0) busy.push({ start: a.start, end: a.end, eventId: a.googleEventId });
  const rejected =
    ids.length === 0
      ? []
      : Array.from({ length: next(3) }, () => {
          const start = quarterAt(next(span));
          return { taskId: ids[next(ids.length)]!, start, end: start + (1 + next(8)) * Q };
        });
  const previous =
    ids.length === 0
      ? []
      : Array.from({ length: next(4) }, (_, i) => {
          const start = quarterAt(next(span));
          return { id: `prev${i}`, taskId: ids[next(ids.length)]!, start, end: start + (1 + next(8)) * Q };
        });
  return {
    now,
    timeZone: r.timeZone,
    workingHours: r.workingHours,
    bufferMinutes: r.bufferMinutes,
    horizonDays: r.horizonDays,
    leadTimeMinutes: r.leadTimeMinutes,
    tasks,
    busy,
    accepted,
    previous,
    rejected,
  };
}

/** The same input with every list in a different order. */
export function shuffled(input: PlanInput, seed: number): PlanInput {
  let s = seed >>> 0 || 1;
  const rand = (): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
  const mix = <T>(xs: T[]): T[] => {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  };
  return {
    ...input,
    tasks: mix(input.tasks),
    busy: mix(input.busy),
    accepted: mix(input.accepted),
    previous: mix(input.previous),
    rejected: mix(input.rejected),
  };
}

export { DAY };
