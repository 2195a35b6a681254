// The chaos run: N seeded trials against one world, each followed by the
// quiet pass and the invariant checks, within a time bound. Returns the tally
// that run.ts prints; a smoke test runs a few trials of the same code.
import { quietAndCheck } from './invariants';
import { pickScenario, type ScenarioName, type Trial } from './scenarios';
import { rng } from './rng';
import { startChaosWorld, type ChaosWorld } from './world';

export interface ChaosOptions {
  trials: number;
  seed: number;
  /** No new trial starts after this many ms (the run is bounded in time). */
  budgetMs: number;
  log?: (line: string) => void;
  /** Runs after a trial, before its checks: the smoke test plants a broken state here to see the checks catch it. */
  beforeChecks?: (w: ChaosWorld, trial: number) => void | Promise<void>;
  /** Every trial of this one scenario (`--only`), e.g. to give the mirror scenario its 20 trials. */
  only?: ScenarioName;
}

export interface Violation {
  trial: number;
  seed: number;
  scenario: ScenarioName | 'final';
  message: string;
}

export interface ChaosReport {
  seed: number;
  trialsPlanned: number;
  trialsRun: number;
  ms: number;
  scenarios: Map<ScenarioName, number>;
  /** Faults the fake Google served, by kind, and everything else that happened (kills, outages, storms). */
  events: Map<string, number>;
  violations: Violation[];
}

export async function runChaos(o: ChaosOptions): Promise<ChaosReport> {
  const log = o.log ?? (() => {});
  const started = Date.now();
  const w = await startChaosWorld(o.seed);
  const report: ChaosReport = {
    seed: o.seed,
    trialsPlanned: o.trials,
    trialsRun: 0,
    ms: 0,
    scenarios: new Map(),
    events: w.tally.counts,
    violations: [],
  };
  const seen = new Set<string>();
  const lastRunId = () =>
    (w.observer.store.db.prepare('SELECT coalesce(max(id), 0) AS id FROM sync_runs').get() as { id: number }).id;
  try {
    for (let i = 1; i <= o.trials; i++) {
      if (Date.now() - started > o.budgetMs) {
        log(`time bound reached after ${i - 1} trials`);
        break;
      }
      const seed = (o.seed * 1_000 + i) >>> 0;
      const r = rng(seed);
      const scenario = pickScenario(r, o.only);
      const t0 = Date.now();
      const before = report.violations.length;
      const trial: Trial = {
        w,
        r,
        killedAt: null,
        steps: [],
        note: (kind, n = 1) => w.tally.add(kind, n),
        // A broken state that persists is reported once, by the trial that caused it.
        violation: (message) => {
          if (seen.has(message)) return;
          seen.add(message);
          report.violations.push({ trial: i, seed, scenario: scenario.name, message });
        },
      };
      const since = lastRunId();
      try {
        await scenario.run(trial);
      } catch (e) {
        trial.violation(`the trial itself failed: ${(e as Error).stack ?? e}`);
      }
      await o.beforeChecks?.(w, i);
      await quietAndCheck(trial, since).catch((e: unknown) =>
        trial.violation(`the checks failed: ${(e as Error).stack ?? e}`),
      );
      report.trialsRun = i;
      report.scenarios.set(scenario.name, (report.scenarios.get(scenario.name) ?? 0) + 1);
      const bad = report.violations.slice(before);
      log(
        `trial ${String(i).padStart(3)} seed ${seed} ${scenario.name.padEnd(11)} ${String(Date.now() - t0).padStart(5)} ms ${trial.steps.join(' ').padEnd(40)} ${bad.length ? `VIOLATIONS: ${bad.map((v) => v.message).join(' | ')}` : 'ok'}`,
      );
    }
  } finally {
    report.ms = Date.now() - started;
    await w.close();
  }
  return report;
}
