// `npm run bench`: every benchmark, each against a floor measured in the same run.
// BENCH_ONLY=sync,scale,planner,supabase,ui,load,idle,mirror picks some; `devices` (5 minutes, the
// system PostgreSQL) runs only when BENCH_ONLY names it.
import os from 'node:os';
import { runDevicesBench } from './devices';
import { runIdleBench } from './idle';
import { runLoadBench } from './load';
import { runMirrorBench } from './mirror';
import { runPlannerBench } from './planner';
import { runScaleBench } from './scale';
import { runSupabasePushBench } from './supabase-push';
import { runSyncBench } from './sync';
import { runUiBench } from './ui';

type Report = { title: string; lines: string[]; figures: Record<string, number> };

const benches: Record<string, () => Promise<Report>> = {
  sync: () => runSyncBench(),
  scale: () => runScaleBench(),
  planner: () => runPlannerBench(),
  supabase: () => runSupabasePushBench(),
  ui: () => runUiBench(),
  load: () => runLoadBench(),
  idle: () => runIdleBench(),
  mirror: () => runMirrorBench(),
  devices: () => runDevicesBench(),
};

const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const onlyWhenNamed = new Set(['devices']);
console.log(
  `calsync benchmarks — ${new Date().toISOString()} — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}`,
);
let failed = false;
for (const [name, run] of Object.entries(benches)) {
  if (only ? !only.includes(name) : onlyWhenNamed.has(name)) continue;
  try {
    const r = await run();
    console.log(`\n${r.title}\n${r.lines.map((l) => `  ${l}`).join('\n')}`);
  } catch (e) {
    failed = true;
    console.error(`\n${name}: failed — ${(e as Error).message}`);
  }
}
process.exitCode = failed ? 1 : 0;
