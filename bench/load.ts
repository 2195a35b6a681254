// Load benchmark (issue 8). A 200,000-event account (10 calendars × 20,000)
// is synced in full, then 100 incremental syncs with 1–10 changes each
// (latency p50/p95, CPU, peak RSS of the engine process); then the headless
// daemon (`calsync serve` on that cache) under 50 UI clients that stream
// /api/events and ask for status every second for 60 s, with a "Sync now"
// every 10 s (per-operation latency, errors, RSS and CPU of the daemon).
// The fake Google runs in its own process, as the real one would.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildCliBundle } from './cli-bundle';
import { cpuMsOf, fmt, percentile as p, rssOf } from './load/proc';
import { startServeProcess } from './load/serve-process';
import { runUiClients } from './load/ui-clients';
import { request, startChild } from './sync/child';

export interface BenchReport {
  title: string;
  lines: string[];
  figures: Record<string, number>;
}

type Synced = {
  type: string;
  kind: string;
  ms: number;
  cpuMs: number;
  changes: number;
  events: number;
  rssMb: number;
  peakRssMb: number;
};

const num = (v: string | undefined, d: number) => (v ? Number(v) : d);

export async function runLoadBench(
  o: { calendars?: number; perCalendar?: number; syncs?: number; clients?: number; seconds?: number } = {},
): Promise<BenchReport> {
  const calendars = o.calendars ?? num(process.env.LOAD_CALENDARS, 10);
  const perCalendar = o.perCalendar ?? num(process.env.LOAD_PER_CALENDAR, 20_000);
  const syncs = o.syncs ?? num(process.env.LOAD_SYNCS, 100);
  const clients = o.clients ?? num(process.env.LOAD_CLIENTS, 50);
  const seconds = o.seconds ?? num(process.env.LOAD_SECONDS, 60);
  const bundle = await buildCliBundle('load-bench');
  const home = mkdtempSync(path.join(os.tmpdir(), 'calsync-load-'));
  const google = startChild('../load/google-child.ts');
  const engine = startChild('../load/engine-child.ts');
  try {
    const t0 = performance.now();
    const started = await request<{ type: string; env: Record<string, string> }>(
      google,
      { type: 'start', calendars, perCalendar },
      'started',
    );
    const seedMs = performance.now() - t0;
    const env = {
      ...process.env,
      ...started.env,
      CALSYNC_HOME: home,
      CALSYNC_TOKEN_STORE: 'file',
      CALSYNC_LOG_LEVEL: 'warn',
    };
    await request(engine, { type: 'login', env }, 'loggedIn');
    const full = await request<Synced>(engine, { type: 'sync' }, 'synced');
    const inc: Synced[] = [];
    for (let i = 0; i < syncs; i++) {
      await request(google, { type: 'mutate', count: 1 + (i % 10), salt: i }, 'mutated');
      inc.push(await request<Synced>(engine, { type: 'sync' }, 'synced'));
    }
    if (inc.some((r) => r.kind !== 'incremental')) throw new Error('an incremental sync ran as a full one');
    await request(engine, { type: 'close' }, 'closed');

    const serve = await startServeProcess(bundle.cli, env);
    await sleep(2_000); // start-up settles (no catch-up sync: the last one is fresh)
    const samples: Array<{ at: number; cpu: number; rss: number }> = [];
    const sampler = setInterval(
      () => samples.push({ at: performance.now(), cpu: cpuMsOf(serve.pid), rss: rssOf(serve.pid).rssMb }),
      1_000,
    );
    const cpu0 = cpuMsOf(serve.pid);
    const w0 = performance.now();
    const ui = await runUiClients(serve, {
      clients,
      seconds,
      pollMs: 1_000,
      syncEveryMs: 10_000,
      beforeSync: (n) =>
        request(google, { type: 'mutate', count: 5, salt: 10_000 + n }, 'mutated').then(() => undefined),
    });
    const serveCpuPct = ((cpuMsOf(serve.pid) - cpu0) / (performance.now() - w0)) * 100;
    clearInterval(sampler);
    const serveMem = rssOf(serve.pid);
    const exit = await serve.stop();
    const busiest = Math.max(
      ...samples.slice(1).map((s, i) => ((s.cpu - samples[i]!.cpu) / (s.at - samples[i]!.at)) * 100),
    );

    const ms = inc.map((r) => r.ms);
    const cpu = inc.map((r) => r.cpuMs);
    const figures = {
      events: full.events,
      seedMs,
      fullMs: full.ms,
      fullCpuMs: full.cpuMs,
      fullPeakRssMb: full.peakRssMb,
      incP50Ms: p(ms, 50),
      incP95Ms: p(ms, 95),
      incMaxMs: Math.max(...ms),
      incCpuP50Ms: p(cpu, 50),
      incCpuP95Ms: p(cpu, 95),
      incChanges: inc.reduce((a, r) => a + r.changes, 0),
      engineRssAfterMb: inc.at(-1)!.rssMb,
      enginePeakRssMb: Math.max(full.peakRssMb, ...inc.map((r) => r.peakRssMb)),
      clients,
      requests: ui.requests,
      errors: ui.errors.length,
      statusP50Ms: p(ui.status, 50),
      statusP95Ms: p(ui.status, 95),
      statusP99Ms: p(ui.status, 99),
      burstStatusP50Ms: p(ui.statusOnEvent, 50),
      burstStatusP95Ms: p(ui.statusOnEvent, 95),
      syncNowP50Ms: p(ui.syncNow, 50),
      syncNowP95Ms: p(ui.syncNow, 95),
      fanOutP50Ms: p(ui.fanOut, 50),
      fanOutP95Ms: p(ui.fanOut, 95),
      minReach: Math.min(...ui.reach),
      serveCpuPct,
      serveBusiestSecondPct: busiest,
      serveRssMb: serveMem.rssMb,
      servePeakRssMb: serveMem.peakMb,
      serveExit: exit ?? -1,
    };
    return {
      title: `Load: ${(calendars * perCalendar).toLocaleString('en')} events (${calendars} calendars), ${syncs} incremental syncs; calsync serve under ${clients} UI clients for ${seconds} s`,
      figures,
      lines: [
        `fake Google seeded in ${(seedMs / 1000).toFixed(1)} s (its own process)`,
        `full sync: ${(full.ms / 1000).toFixed(1)} s wall, ${(full.cpuMs / 1000).toFixed(1)} s engine CPU, ${full.events.toLocaleString('en')} events cached, peak RSS ${full.peakRssMb.toFixed(0)} MB`,
        `incremental (${syncs} syncs, ${figures.incChanges} changes): p50 ${fmt(figures.incP50Ms)} ms, p95 ${fmt(figures.incP95Ms)} ms, max ${fmt(figures.incMaxMs)} ms wall; CPU p50 ${fmt(figures.incCpuP50Ms)} ms, p95 ${fmt(figures.incCpuP95Ms)} ms`,
        `engine RSS after the syncs: ${figures.engineRssAfterMb.toFixed(0)} MB (peak ${figures.enginePeakRssMb.toFixed(0)} MB)`,
        `serve, ${clients} clients × (SSE + status every 1 s and on status-changed), Sync now every 10 s: ${ui.requests} requests, ${ui.errors.length} errors${ui.errors.length ? ` (first: ${ui.errors[0]})` : ''}`,
        `  status on the 1 s beat: p50 ${fmt(figures.statusP50Ms)} ms, p95 ${fmt(figures.statusP95Ms)} ms, p99 ${fmt(figures.statusP99Ms)} ms (${ui.status.length} calls)`,
        `  status by all ${clients} at once after status-changed: p50 ${fmt(figures.burstStatusP50Ms)} ms, p95 ${fmt(figures.burstStatusP95Ms)} ms (${ui.statusOnEvent.length} calls)`,
        `  syncNow (incremental with 5 changes + push check): p50 ${fmt(figures.syncNowP50Ms)} ms, p95 ${fmt(figures.syncNowP95Ms)} ms (${ui.syncNow.length} calls)`,
        `  run-finished reached ${figures.minReach === clients ? 'every' : `only ${figures.minReach} of`} ${clients} streams; first-to-last arrival p50 ${fmt(figures.fanOutP50Ms)} ms, p95 ${fmt(figures.fanOutP95Ms)} ms`,
        `  serve process: CPU ${serveCpuPct.toFixed(1)} % of a core on average (busiest second ${busiest.toFixed(0)} %), RSS ${serveMem.rssMb.toFixed(0)} MB (peak ${serveMem.peakMb.toFixed(0)} MB), exit ${exit} on SIGTERM`,
      ],
    };
  } finally {
    for (const c of [google, engine]) c.kill();
    rmSync(home, { recursive: true, force: true });
    bundle.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const r = await runLoadBench();
  console.log(`\n${r.title}\n${r.lines.map((l) => `  ${l}`).join('\n')}`);
}
