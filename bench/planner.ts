// Planner benchmark: quality against the exact MILP optimum (HiGHS) on
// seeded instances, and plan time on a large backlog. Runs alone with
// `npx tsx bench/planner.ts`, or through bench/run.ts via runPlannerBench().
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { plan } from '../src/main/core/planner';
import { qualityInstance, speedInstance } from './planner/generate';
import { buildMilp } from './planner/milp';
import { loadHighs, planAsMilpSolution, plannerScore, solveMilp } from './planner/score';

const QUALITY_INSTANCES = Number(process.env.PLANNER_BENCH_INSTANCES ?? 50);
const MILP_TIME_LIMIT_S = 120;
const SPEED_RUNS = 9;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function runPlannerBench(): Promise<{ title: string; lines: string[]; figures: Record<string, number> }> {
  const highs = await loadHighs();
  const ratios: number[] = [];
  const detail: string[] = [];
  let notOptimal = 0;
  let milpSeconds = 0;
  let planMs = 0;
  let fullyPlaced = 0;
  for (let seed = 1; seed <= QUALITY_INSTANCES; seed++) {
    const input = qualityInstance(seed);
    const t0 = performance.now();
    const out = plan(input);
    planMs += performance.now() - t0;
    const model = buildMilp(input);
    const start = planAsMilpSolution(out, model);
    const t1 = performance.now();
    const { best, optimal } = solveMilp(highs, model, start, MILP_TIME_LIMIT_S);
    milpSeconds += (performance.now() - t1) / 1000;
    if (!optimal) notOptimal++;
    const { got, total } = plannerScore(input, out);
    // The plan is a MILP solution, so it can never beat the optimum; if it
    // does, the two encodings of the rules disagree.
    if (got > best + 1e-6) throw new Error(`instance ${seed}: planner ${got} above the MILP optimum ${best}`);
    const ratio = best <= 0 ? 1 : got / best;
    if (got >= total) fullyPlaced++;
    ratios.push(ratio);
    if (process.env.PLANNER_BENCH_VERBOSE) {
      detail.push(
        `#${seed} ${input.timeZone} tasks=${input.tasks.length} Q=${(got / total).toFixed(3)} opt=${(best / total).toFixed(3)} ratio=${ratio.toFixed(4)}${optimal ? '' : ' (vs bound)'} blocks=${model.blocks.length}`,
      );
    }
  }
  const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
  const worst = Math.min(...ratios);

  const big = speedInstance();
  const wall: number[] = [];
  const cpu: number[] = [];
  let out = plan(big); // warm-up: JIT, zone tables
  for (let k = 0; k < SPEED_RUNS; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    out = plan(big);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const placedH = out.proposals.reduce((s, p) => s + p.end - p.start, 0) / 3_600_000;
  const lines = [
    `quality: ${ratios.length} instances (10–25 tasks, 1–2 weeks, 20–60% busy, buffers 0–15 min, min chunk 30/60, load 0.5–1.2), planner/optimum mean ${mean.toFixed(4)}, worst ${worst.toFixed(4)} (targets ≥ 0.98 / ≥ 0.90); ${ratios.filter((r) => r >= 0.99995).length} at the optimum, ${fullyPlaced} with every task fully placed`,
    `  MILP (HiGHS): ${milpSeconds.toFixed(1)} s in total${notOptimal ? `, ${notOptimal} stopped at ${MILP_TIME_LIMIT_S} s and compared with their proven bound` : ', all solved to optimality'}; planner ${(planMs / ratios.length).toFixed(1)} ms per instance`,
    `speed: 300 tasks, 4 weeks, 2,000 busy events → median plan ${median(wall).toFixed(1)} ms wall, ${median(cpu).toFixed(1)} ms CPU over ${SPEED_RUNS} runs (target ≤ 200 ms); ${out.proposals.length} blocks, ${placedH.toFixed(1)} h placed, ${out.unscheduled.length} tasks short`,
    ...detail,
  ];
  return {
    title: 'Planner',
    lines,
    figures: {
      qualityMean: mean,
      qualityWorst: worst,
      instances: ratios.length,
      milpNotOptimal: notOptimal,
      planMedianMs: median(wall),
      planMedianCpuMs: median(cpu),
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await runPlannerBench();
  console.log(`## ${r.title}`);
  for (const l of r.lines) console.log(l);
}
