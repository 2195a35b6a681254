// `npm run chaos [-- --trials N --seed S --minutes M --quiet]`: the chaos run
// (issue 8). Loopback only. Prints every trial with its seed, then the table;
// exits 1 when any invariant was violated.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { runChaos } from './chaos';
import { formatReport } from './report';
import { SCENARIOS, type ScenarioName } from './scenarios';

const { values } = parseArgs({
  options: {
    trials: { type: 'string', default: process.env.CHAOS_TRIALS ?? '200' },
    seed: { type: 'string', default: process.env.CHAOS_SEED ?? String(Date.now() % 1_000_000) },
    minutes: { type: 'string', default: process.env.CHAOS_MINUTES ?? '10' },
    quiet: { type: 'boolean', default: false },
    only: { type: 'string', default: process.env.CHAOS_ONLY },
  },
});

const trials = Number(values.trials);
const seed = Number(values.seed);
const minutes = Number(values.minutes);
if (![trials, seed, minutes].every((n) => Number.isFinite(n) && n >= 0)) {
  console.error('usage: npm run chaos -- [--trials N] [--seed S] [--minutes M] [--quiet] [--only SCENARIO]');
  process.exit(2);
}
const only = values.only as ScenarioName | undefined;
if (only !== undefined && !SCENARIOS.some((s) => s.name === only)) {
  console.error(`--only: one of ${SCENARIOS.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

console.log(
  `calsync chaos — seed ${seed}, ${trials} trials, at most ${minutes} min — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}`,
);
const report = await runChaos({
  trials,
  seed,
  budgetMs: minutes * 60_000,
  only,
  log: values.quiet ? undefined : (l) => console.log(l),
});
console.log(`\n${formatReport(report)}`);
process.exitCode = report.violations.length ? 1 : 0;
