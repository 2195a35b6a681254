// Planner benchmark: quality against the exact MILP optimum (HiGHS) on
// seeded instances, and plan time on a large backlog. Runs alone with
// `npx tsx bench/planner.ts`, or through bench/run.ts via runPlannerBench().
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { plan } from '../src/main/core/planner';
import type { PlanInput, PlanOutput } from '../src/main/core/planner/types';
import { qualityInstance, speedInstance } from './planner/generate';
import { buildMilp } from './planner/milp';

const WEIGHT = [0, 8, 4, 2, 1];
const QUALITY_INSTANCES = Number(process.env.PLANNER_BENCH_INSTANCES ?? 50);
const MILP_TIME_LIMIT_S = 60;

interface Highs {
  solve(lp: string, options: Record<string, unknown>): { Status: string; ObjectiveValue: number };
}

/** Σ w·placedMinutes and Σ w·duration; placed time is on time by construction (checked). */
export function plannerScore(input: PlanInput, out: PlanOutput): { got: number; total: number } {
  const byId = new Map(input.tasks.map((t) => [t.id, t]));
  let got = 0;
  for (const p of out.proposals) {
    const t = byId.get(p.taskId)!;
    if (t.due !== null && p.end > t.due) throw new Error(`late block for ${t.id}`);
    got += WEIGHT[t.priority]! * ((p.end - p.start) / 60_000);
  }
  const total = input.tasks.reduce((s, t) => s + WEIGHT[t.priority]! * t.durationMinutes, 0);
  return { got, total };
}

function checkAgainstModel(input: PlanInput, out: PlanOutput, model: ReturnType<typeof buildMilp>): void {
  const allowed = new Map(model.taskIds.map((id, j) => [id, model.taskSlots[j]!]));
  for (const p of out.proposals) {
    for (let s = p.start; s < p.end; s += 15 * 60_000) {
      if (!allowed.get(p.taskId)!.has(s)) {
        throw new Error(`planner block ${p.taskId} ${new Date(p.start).toISOString()} uses a slot the MILP does not allow`);
      }
    }
  }
}

export async function runPlannerBench(): Promise<{ title: string; lines: string[]; figures: Record<string, number> }> {
  const highs = (await import('highs')).default as unknown as () => Promise<Highs>;
  const solver = await highs();
  const ratios: number[] = [];
  const lines: string[] = [];
  let notOptimal = 0;
  let milpSeconds = 0;
  for (let seed = 1; seed <= QUALITY_INSTANCES; seed++) {
    const input = qualityInstance(seed);
    const out = plan(input);
    const model = buildMilp(input);
    checkAgainstModel(input, out, model);
    const t0 = performance.now();
    const res = solver.solve(model.lp, { output_flag: false, time_limit: MILP_TIME_LIMIT_S, mip_rel_gap: 1e-6 });
    milpSeconds += (performance.now() - t0) / 1000;
    if (res.Status !== 'Optimal') notOptimal++;
    const { got, total } = plannerScore(input, out);
    const best = res.ObjectiveValue * 15;
    const ratio = best <= 0 ? 1 : got / best;
    ratios.push(ratio);
    if (process.env.PLANNER_BENCH_VERBOSE) {
      lines.push(`  #${seed} ${input.timeZone} tasks=${input.tasks.length} Q=${(got / total).toFixed(3)} opt=${(best / total).toFixed(3)} ratio=${ratio.toFixed(4)} ${res.Status} cols=${model.blocks.length} rows=${model.rows}`);
    }
  }
  const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
  const worst = Math.min(...ratios);

  const big = speedInstance();
  const times: number[] = [];
  let placed = 0;
  for (let k = 0; k < 7; k++) {
    const t0 = performance.now();
    const out = plan(big);
    times.push(performance.now() - t0);
    placed = out.proposals.length;
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  lines.unshift(
    `quality: ${ratios.length} instances, planner/optimum mean ${mean.toFixed(4)}, worst ${worst.toFixed(4)} (targets 0.98 / 0.90)${notOptimal ? `, ${notOptimal} MILP(s) stopped at the time limit` : ''}; MILP total ${milpSeconds.toFixed(1)} s`,
    `speed: 300 tasks, 4 weeks, 2,000 busy events → median plan ${median.toFixed(1)} ms over ${times.length} runs (target 200 ms), ${placed} blocks`,
  );
  return {
    title: 'Planner',
    lines,
    figures: { qualityMean: mean, qualityWorst: worst, instances: ratios.length, milpNotOptimal: notOptimal, planMedianMs: median },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await runPlannerBench();
  console.log(`## ${r.title}`);
  for (const l of r.lines) console.log(l);
}
