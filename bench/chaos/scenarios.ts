// The kinds of trial. Each one edits Google, arms faults, and runs engine
// processes that may be SIGKILLed; what every process said is checked here,
// what the data looks like afterwards in invariants.ts.
import { armFaults, editGoogle } from './google-edits';
import { mirrorKillTrial } from './mirror-trial';
import { hasStackTrace, runCli, type CliOutcome, type Kill } from './processes';
import type { Rng } from './rng';
import { storm } from './storm';
import type { ChaosWorld } from './world';

export interface Trial {
  w: ChaosWorld;
  r: Rng;
  /** Counts an event of the trial (a kill, an outage, a storm) for the table. */
  note(kind: string, n?: number): void;
  violation(message: string): void;
  /** When the last process was SIGKILLed: its lease and run need a TTL to expire. */
  killedAt: number | null;
  /** What the trial's processes did, for its log line. */
  steps: string[];
}

export type ScenarioName =
  'sync-kill' | 'sync-faults' | 'push-kill' | 'accept-kill' | 'outage' | 'storm' | 'mirror-kill';

/** Checks what a `calsync` process said and records its kill. */
export function judge(t: Trial, o: CliOutcome, allowed: number[], label = o.args[0]!): void {
  t.steps.push(`${o.args[0]}:${o.killed ? 'KILL' : o.code}@${o.ms}ms`);
  if (o.overran) t.violation(`\`calsync ${o.args.join(' ')}\` was still running after ${Math.round(o.ms / 1000)} s`);
  if (hasStackTrace(o.stderr))
    t.violation(`\`calsync ${o.args.join(' ')}\` printed a stack trace: ${o.stderr.slice(0, 400)}`);
  if (o.killed) {
    t.note(`SIGKILL: ${label}`);
    t.killedAt = Date.now();
  } else if (!allowed.includes(o.code ?? -1)) {
    t.violation(
      `\`calsync ${o.args.join(' ')}\` exited ${o.code ?? o.signal} (allowed ${allowed.join('/')}): ${o.stderr.trim().split('\n').pop()}`,
    );
  }
}

// An incremental run makes ~5–10 Google requests (calendar list, a page or two per calendar), a full one ~20.
/**
 * Where a lone killed process was, read from the leases it left behind (they
 * outlive it until they expire): holding the account's sync lease, the
 * workspace's push lease, or neither (starting, or between the two).
 */
function killedWhere(t: Trial, what: string): string {
  const held = new Set(t.w.observer.store.locks.holders(Date.now()).map((h) => h.name.split(':')[0]));
  if (held.has('sync')) return `${what} (mid-listing)`;
  if (held.has('push')) return `${what} (mid-push)`;
  return `${what} (starting, or between listing and push)`;
}

const syncKill = (r: Rng): Kill => {
  const x = r.next();
  if (x < 0.65) return { atRequest: r.int(1, 9), extraMs: r.int(0, 40) };
  if (x < 0.85) return { afterListing: true, extraMs: r.int(20, 250) }; // in the push to Supabase, or finishing the run
  return { extraMs: r.int(300, 1_500) };
};

async function syncKillTrial(t: Trial): Promise<void> {
  const { w, r } = t;
  editGoogle(w, r, r.int(2, 16));
  if (r.chance(0.6)) armFaults(w, r, 'light');
  const n = r.chance(0.25) ? 2 : 1;
  const runs = Array.from({ length: n }, (_, i) =>
    runCli(
      w,
      ['sync', '--json', ...(r.chance(0.1) ? ['--full'] : [])],
      i === 0 || r.chance(0.5) ? syncKill(r) : undefined,
    ),
  );
  const done = await Promise.all(runs);
  for (const o of done) judge(t, o, [0, 1, 3], n === 1 && o.killed ? killedWhere(t, 'sync') : 'sync');
}

async function syncFaultsTrial(t: Trial): Promise<void> {
  const { w, r } = t;
  editGoogle(w, r, r.int(4, 20));
  armFaults(w, r, 'heavy');
  judge(t, await runCli(w, ['sync', '--json', ...(r.chance(0.15) ? ['--full'] : [])]), [0, 1]);
}

async function pushKillTrial(t: Trial): Promise<void> {
  const { w, r } = t;
  editGoogle(w, r, r.int(8, 24));
  // Down during the sync: its own push fails and the changes wait in the outbox for the push below.
  await w.shim.stop();
  t.note('supabase outage');
  judge(t, await runCli(w, ['sync', '--json']), [0, 1]);
  await w.shim.start();
  // `calsync push` needs ~450 ms to start and ~300–600 ms to send a few batches here.
  const kill = r.chance(0.85) ? { extraMs: r.int(380, 750) } : undefined;
  const pushed = await runCli(w, ['push', '--json'], kill);
  judge(t, pushed, [0, 1, 3], pushed.killed ? killedWhere(t, 'push') : 'push');
}

async function acceptKillTrial(t: Trial): Promise<void> {
  const { w, r } = t;
  editGoogle(w, r, r.int(0, 6));
  const api = w.observer.api;
  for (let i = r.int(1, 3); i > 0; i--) {
    await api.addTask({
      title: r.pick(['Write "report" <draft>', 'Review — PRs 🚀', 'مراجعة', 'x'.repeat(300)]),
      durationMinutes: r.pick([30, 45, 60, 90]),
      priority: r.int(1, 4) as 1 | 2 | 3 | 4,
    });
  }
  const proposed = (await api.plan({})).proposals.filter((p) => p.status === 'proposed').length;
  const fault = r.pick(['none', 'lost-response', 'unavailable', 'reset'] as const);
  if (fault !== 'none') {
    const action = fault === 'unavailable' ? { status: 503 } : { kind: fault };
    w.google.faults.inject({
      match: { method: 'POST', path: /\/events$/ },
      after: r.int(0, 2),
      times: r.int(1, 2),
      action,
    });
  }
  // Kill after the n-th Google request of the accept (inserts, 409s, gets): some land, some do not.
  const kill = r.chance(0.75) ? { atRequest: r.int(1, Math.max(1, proposed + 1)), extraMs: r.int(0, 40) } : undefined;
  judge(t, await runCli(w, ['accept', '--all', '--json'], kill), [0, 1], 'accept');
}

async function outageTrial(t: Trial): Promise<void> {
  const { w, r } = t;
  await w.shim.stop();
  t.note('supabase outage');
  editGoogle(w, r, r.int(3, 12));
  // Back at a random moment: before, during or after the sync's own push.
  const back = r.chance(0.5) ? setTimeout(() => void w.shim.start(), r.int(100, 1500)) : null;
  judge(t, await runCli(w, ['sync', '--json']), [0, 1]);
  judge(t, await runCli(w, ['push', '--json']), [0, 1, 3]);
  if (back) clearTimeout(back);
  // Sometimes it stays down until the quiet pass brings it back.
  if (r.chance(0.5)) await w.shim.start();
}

async function stormTrial(t: Trial): Promise<void> {
  const { w, r } = t;
  editGoogle(w, r, r.int(2, 12));
  if (r.chance(0.5)) armFaults(w, r, 'light');
  await storm(t, { killServe: r.chance(0.3), outage: r.chance(0.2) });
}

export const SCENARIOS: Array<{ name: ScenarioName; weight: number; run: (t: Trial) => Promise<void> }> = [
  { name: 'sync-kill', weight: 25, run: syncKillTrial },
  { name: 'sync-faults', weight: 15, run: syncFaultsTrial },
  { name: 'push-kill', weight: 15, run: pushKillTrial },
  { name: 'accept-kill', weight: 15, run: acceptKillTrial },
  { name: 'outage', weight: 10, run: outageTrial },
  { name: 'storm', weight: 20, run: stormTrial },
  { name: 'mirror-kill', weight: 15, run: mirrorKillTrial },
];

export function pickScenario(r: Rng, only?: ScenarioName): (typeof SCENARIOS)[number] {
  const pinned = only && SCENARIOS.find((s) => s.name === only);
  // The same draw either way, so a trial's seed replays the same trial with or without --only.
  let x = r.next() * SCENARIOS.reduce((a, s) => a + s.weight, 0);
  for (const s of SCENARIOS) {
    x -= s.weight;
    if (x < 0) return pinned || s;
  }
  return pinned || SCENARIOS[0]!;
}
