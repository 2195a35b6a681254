// After each trial: the world goes quiet (no faults, Supabase up, dead
// holders' leases expired), one more sync and push run, and then the promises
// are checked — cache == Google, workspace == cache, one Google event per
// accepted block, no lock left, every run ended.
import { setTimeout as sleep } from 'node:timers/promises';
import type { GoogleEvent } from '../../tests/fakes/google';
import { cacheView, serverView } from '../../tests/helpers/compare';
import { cacheWorkspaceView, workspaceKeyCounts, workspaceView } from '../../tests/helpers/workspace';
import { checkMirrors } from './mirror-trial';
import type { Trial } from './scenarios';
import { CHAOS_TUNING } from './world';

/** "3 missing, 1 extra; first: …" for two sorted views. */
export function diff(label: string, expected: string[], actual: string[]): string | null {
  const want = new Set(expected);
  const have = new Set(actual);
  const missing = expected.filter((x) => !have.has(x));
  const extra = actual.filter((x) => !want.has(x));
  if (missing.length === 0 && extra.length === 0 && expected.length === actual.length) return null;
  return `${label}: ${missing.length} missing, ${extra.length} extra${actual.length !== have.size ? ', duplicates' : ''}; first: ${missing[0] ?? extra[0] ?? '(duplicate rows)'}`;
}

async function quiet(t: Trial): Promise<void> {
  const { w } = t;
  w.google.faults.clear();
  w.tally.fail410MidPaging(0);
  await w.shim.start();
  // A SIGKILLed holder's lease and run heartbeat stop at the kill: both expire one TTL later.
  if (t.killedAt !== null) await sleep(Math.max(0, t.killedAt + CHAOS_TUNING.lockTtlMs + 150 - Date.now()));
  const deadline = Date.now() + CHAOS_TUNING.lockTtlMs + 1_000;
  while (w.observer.store.locks.holders(Date.now()).length && Date.now() < deadline) await sleep(50);
  for (const h of w.observer.store.locks.holders(Date.now()))
    t.violation(`lock ${h.name} still held by ${h.owner} with no process running`);
}

/** The quiet sync and push, then every invariant. Returns how the killed runs ended, for the table. */
export async function quietAndCheck(t: Trial, sinceRunId: number): Promise<void> {
  const { w } = t;
  await quiet(t);
  const run = await w.observer.sync.request({ trigger: 'cli' });
  if (run.status !== 'succeeded') t.violation(`the quiet sync ${run.status}: ${run.error}`);
  const push = await w.observer.api.push({});
  if (push.error || push.pending) t.violation(`the quiet push left ${push.pending} pending: ${push.error}`);

  const store = w.observer.store;
  for (const cal of w.calendars) {
    const d = diff(
      `cache vs Google (${cal})`,
      serverView(w.google.liveEvents(cal)),
      cacheView(store.events.list({ calendarId: cal })),
    );
    if (d) t.violation(d);
  }
  const d = diff('Supabase vs cache', cacheWorkspaceView(store.events.list()), await workspaceView(w.ws));
  if (d) t.violation(d);
  const keys = await workspaceKeyCounts(w.ws);
  if (keys.keys !== keys.rows) t.violation(`Supabase holds ${keys.rows - keys.keys} duplicate rows`);
  checkBlocks(t, w.google.liveEvents(w.target));
  checkMirrors(t);

  const db = store.db;
  const running = db.prepare("SELECT id FROM sync_runs WHERE status = 'running'").all() as Array<{ id: number }>;
  if (running.length) t.violation(`runs never ended: ${running.map((x) => x.id).join(', ')}`);
  const cals = db.prepare("SELECT count(*) AS n FROM sync_run_calendars WHERE status = 'running'").get() as {
    n: number;
  };
  if (cals.n) t.violation(`${cals.n} per-calendar run rows never ended`);
  const live = store.locks.holders(Date.now());
  if (live.length) t.violation(`locks held after everything stopped: ${live.map((h) => h.name).join(', ')}`);

  // Where the killed syncs were when they died, read from their interrupted runs.
  const interrupted = db
    .prepare(
      `SELECT r.id, sum(c.status = 'succeeded') AS done, count(c.run_id) AS cals FROM sync_runs r LEFT JOIN sync_run_calendars c ON c.run_id = r.id
        WHERE r.status = 'interrupted' AND r.id > ? GROUP BY r.id`,
    )
    .all(sinceRunId) as Array<{ id: number; done: number; cals: number }>;
  for (const i of interrupted) {
    const where =
      i.cals === 0
        ? 'before its first page'
        : i.done === i.cals
          ? 'after its last page (finishing, pushing)'
          : 'mid-listing (between or inside page transactions)';
    t.note(`interrupted run: ${where}`);
  }
}

/** One live Google event per accepted (or conflicting) block, with its marker; no event for any other block. */
function checkBlocks(t: Trial, live: GoogleEvent[]): void {
  const byProposal = new Map<string, GoogleEvent[]>();
  for (const e of live) {
    const id = e.extendedProperties?.private?.calsyncProposalId;
    if (id) byProposal.set(id, [...(byProposal.get(id) ?? []), e]);
  }
  const proposals = t.w.observer.store.proposals.list();
  const placed = new Map(
    proposals.filter((p) => p.status === 'accepted' || p.status === 'conflict').map((p) => [p.id, p]),
  );
  for (const [id, events] of byProposal) {
    if (events.length > 1) t.violation(`block ${id} has ${events.length} events on Google`);
    const p = placed.get(id);
    if (!p)
      t.violation(
        `Google has an event for block ${id}, which is ${proposals.find((x) => x.id === id)?.status ?? 'unknown to the cache'}`,
      );
    else if (p.googleEventId !== events[0]!.id)
      t.violation(`block ${id} points at ${p.googleEventId}, Google has ${events[0]!.id}`);
  }
  for (const id of placed.keys()) if (!byProposal.has(id)) t.violation(`accepted block ${id} has no event on Google`);
}
