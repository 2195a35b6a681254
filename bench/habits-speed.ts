// Speed of planWithHabits() against plan() alone (the floor) on the planner
// bench's speed instance (300 tasks, 4 weeks, 2,000 busy events) plus 20
// habits over all four priority levels (the worst case: one extra plan() of
// the more urgent tasks per level). Runs alternate engine and floor.
// `npx tsx bench/habits-speed.ts` (PAIRS=N, default 5).
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { plan, planWithHabits } from '../src/main/core/planner';
import { speedInstance } from './planner/generate';
import { habitsFor } from './planner/speed-habits';

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
