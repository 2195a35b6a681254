// Planner quality per instance family, with and without habits (issue 18
// item 4): Q = Σ w·on-time minutes / the MILP optimum, on seeded instances.
// `npm run bench:planner-quality` (PLANNER_QUALITY_INSTANCES=N, default 50;
// PLANNER_QUALITY_FAMILIES=base,hard,base+habits,hard+habits; VERBOSE=1;
// PLANNER_QUALITY_SEEDS=30,36 for those seeds only).
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { planWithHabits } from '../src/main/core/planner';
import type { HabitPlanInput, PlanInput } from '../src/main/core/planner/types';
import { qualityInstance } from './planner/generate';
import { habitsFor, hardInstance } from './planner/hard';
import { buildMilp } from './planner/milp';
import { loadHighs, planAsMilpSolution, plannerScore, solveMilp } from './planner/score';

const N = Number(process.env.PLANNER_QUALITY_INSTANCES ?? 50);
const FIRST = Number(process.env.PLANNER_QUALITY_FIRST ?? 1);
const TIME_LIMIT_S = Number(process.env.PLANNER_QUALITY_TIME_LIMIT ?? 60);
const FAMILIES: Record<string, (seed: number) => HabitPlanInput> = {
  base: (s) => ({ ...qualityInstance(s), habits: [] }),
  hard: (s) => ({ ...hardInstance(s), habits: [] }),
  'base+habits': (s) => withHabits(qualityInstance(s), s),
  'hard+habits': (s) => withHabits(hardInstance(s), s),
};
const SEEDS = process.env.PLANNER_QUALITY_SEEDS
  ? process.env.PLANNER_QUALITY_SEEDS.split(',').map(Number)
  : Array.from({ length: N }, (_, i) => FIRST + i);
const chosen = (process.env.PLANNER_QUALITY_FAMILIES ?? Object.keys(FAMILIES).join(',')).split(',');

function withHabits(input: PlanInput, seed: number): HabitPlanInput {
  return { ...input, habits: habitsFor(seed) };
}

const highs = await loadHighs();
console.log(
  `planner quality — ${new Date().toISOString()} — load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
for (const family of chosen) {
  const make = FAMILIES[family]!;
  const ratios: number[] = [];
  const seeds: number[] = [];
  const open: string[] = [];
  let milpS = 0;
  let planMs = 0;
  let cols = 0;
  for (const seed of SEEDS) {
    const input = make(seed);
    const t0 = performance.now();
    const out = planWithHabits(input);
    planMs += performance.now() - t0;
    const model = buildMilp(input);
    cols = Math.max(cols, model.blocks.length);
    const t1 = performance.now();
    const { best, optimal } = solveMilp(highs, model, planAsMilpSolution(out, model), TIME_LIMIT_S);
    milpS += (performance.now() - t1) / 1000;
    const { got } = plannerScore(input, out);
    if (got > best + 1e-6) throw new Error(`${family} #${seed}: planner ${got} above the MILP optimum ${best}`);
    const ratio = best <= 0 ? 1 : got / best;
    // Not proven optimal: the ratio is against the bound (a lower bound on Q), kept apart.
    if (optimal) {
      ratios.push(ratio);
      seeds.push(seed);
    } else open.push(`#${seed} ≥ ${ratio.toFixed(4)}`);
    if (process.env.VERBOSE)
      console.log(
        `  ${family} #${seed} ${input.timeZone} buf=${input.bufferMinutes} tasks=${input.tasks.length} habits=${input.habits.length} cols=${model.blocks.length} Q=${ratio.toFixed(4)}${optimal ? '' : ' (vs bound)'}`,
      );
  }
  const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
  const worst = Math.min(...ratios);
  console.log(
    `${family}: ${ratios.length} solved to optimality, Q mean ${mean.toFixed(4)}, worst ${worst.toFixed(4)} (#${seeds[ratios.indexOf(worst)]}), at the optimum ${ratios.filter((q) => q >= 0.99995).length}; MILP ${milpS.toFixed(1)} s (≤ ${cols} columns), planner ${(planMs / SEEDS.length).toFixed(1)} ms/instance${open.length ? `; not proven in ${TIME_LIMIT_S} s: ${open.join(', ')}` : ''}`,
  );
}
