// Speed of planWithHabits() against plan() alone (the floor) on the planner
// bench's speed instance (300 tasks, 4 weeks, 2,000 busy events) plus 20
// habits over all four priority levels (the worst case: one extra plan() of
// the more urgent tasks per level). Runs alternate engine and floor.
// `npx tsx bench/habits-speed.ts` (PAIRS=N, default 5).
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { plan, planWithHabits } from '../src/main/core/planner';
import type { PlannerHabit } from '../src/main/core/planner/types';
import type { Priority } from '../src/shared/domain';
import { speedInstance } from './planner/generate';

const WINDOWS: Array<[string, string]> = [
  ['07:00', '09:00'],
  ['11:30', '13:30'],
  ['15:00', '17:00'],
  ['18:00', '20:00'],
];

export function habitsFor(n: number): PlannerHabit[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `habit-${String(i).padStart(2, '0')}`,
    durationMinutes: [30, 45, 60][i % 3]!,
    minDurationMinutes: i % 2 ? 15 : null,
    frequency:
      i % 3 === 0
        ? { kind: 'daily' as const }
        : i % 3 === 1
          ? { kind: 'weekdays' as const, days: ['mon' as const, 'wed' as const, 'fri' as const] }
          : { kind: 'timesPerWeek' as const, times: 3 },
    window: { start: WINDOWS[i % 4]![0], end: WINDOWS[i % 4]![1] },
    priority: ((i % 4) + 1) as Priority,
    droppable: i % 5 !== 0,
  }));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const input = speedInstance(1);
const habits = habitsFor(20);
const pairs = Number(process.env.PAIRS ?? 5);
planWithHabits({ ...input, habits }); // warm-up
plan(input);
const engine: number[] = [];
const floor: number[] = [];
const engineCpu: number[] = [];
const floorCpu: number[] = [];
const cpuMs = (c: NodeJS.CpuUsage): number => (c.user + c.system) / 1000;
let placed = 0;
for (let i = 0; i < pairs; i++) {
  let t = performance.now();
  let c = process.cpuUsage();
  const out = planWithHabits({ ...input, habits });
  engine.push(performance.now() - t);
  engineCpu.push(cpuMs(process.cpuUsage(c)));
  placed = out.proposals.filter((p) => p.taskId.startsWith('habit-')).length;
  t = performance.now();
  c = process.cpuUsage();
  plan(input);
  floor.push(performance.now() - t);
  floorCpu.push(cpuMs(process.cpuUsage(c)));
}
const fmt = (xs: number[]) =>
  `median ${median(xs).toFixed(1)} ms (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`;
console.log(
  `load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log(
  `planWithHabits, 300 tasks + 20 habits: wall ${fmt(engine)}; CPU ${fmt(engineCpu)}; ${placed} habit blocks`,
);
console.log(`plan() alone, 300 tasks:               wall ${fmt(floor)}; CPU ${fmt(floorCpu)}`);
