// Child process: the real engine (createApp + SyncRunner) against the fake.
// `full` starts from an empty cache each time (a new data dir, signed in
// again, untimed), so every pair of the bench measures the same work.
// `detach` closes the engine and leaves its data dir (a 100k cache, signed
// in) for the end-to-end runs of the `calsync` command.
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { createApp, type CalsyncApp } from '../../src/main/core/app';
import { createLogger } from '../../src/main/core/log/logger';
import { peakRssMb, serve } from './child';

let app: CalsyncApp | null = null;
let dir: string | null = null;
let env: Record<string, string> = {};

async function fresh(): Promise<void> {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = mkdtempSync(path.join(os.tmpdir(), 'calsync-bench-'));
  const home = { ...process.env, ...env, CALSYNC_HOME: dir, CALSYNC_TOKEN_STORE: 'file' };
  app = createApp({ env: home, logger: createLogger({ level: 'warn' }) });
  await app.accounts.login({ onAuthUrl: (url) => void fetch(url) });
}

async function timed() {
  global.gc?.();
  const base = process.memoryUsage();
  // Where the peak sits (V8 heap or outside it), sampled: BENCH_MEMORY=1 prints it.
  const peak = { heapTotal: 0, heapUsed: 0, external: 0, rss: 0 };
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    for (const k of Object.keys(peak) as Array<keyof typeof peak>) peak[k] = Math.max(peak[k], m[k] / 2 ** 20);
  }, 25);
  // Where the time goes (BENCH_PHASES=1): before the first page is written
  // (run start, lease, calendar list, client), the pages, after the last page
  // (sweep, after-account steps, the run's end), and the after-run steps.
  const marks: Record<string, number> = {};
  const unsubscribe = app!.bus.subscribe((e) => {
    const now = performance.now();
    if (e.type === 'run-started') marks.started = now;
    if (e.type === 'sync-progress') {
      marks.firstPage ??= now;
      marks.lastPage = now;
    }
    if (e.type === 'run-finished') marks.finished = now;
  });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const run = await app!.sync.request({ trigger: 'cli' }).finally(() => {
    clearInterval(sampler);
    unsubscribe();
  });
  const ms = performance.now() - t0;
  const cpuAnswered = process.cpuUsage(cpu0);
  // Work the run left for after its answer (the WAL checkpoint, store/checkpoint-hold.ts): one turn of the event loop.
  const t1 = performance.now();
  await new Promise((resolve) => setImmediate(resolve));
  const afterAnswerMs = performance.now() - t1;
  if (process.env.BENCH_PHASES) {
    const d = (a: number | undefined, b: number | undefined) =>
      a === undefined || b === undefined ? '?' : (b - a).toFixed(0);
    console.error(
      `engine phases: to run start ${d(t0, marks.started)} ms, to first page written ${d(marks.started, marks.firstPage)} ms, pages ${d(marks.firstPage, marks.lastPage)} ms, to run end ${d(marks.lastPage, marks.finished)} ms, after-run steps ${d(marks.finished, t0 + ms)} ms; total ${ms.toFixed(0)} ms; after the answer ${afterAnswerMs.toFixed(1)} ms`,
    );
  }
  const cpu = cpuAnswered;
  if (process.env.BENCH_MEMORY)
    console.error(
      `engine memory: before ${(base.rss / 2 ** 20).toFixed(0)} MB rss, heapUsed ${(base.heapUsed / 2 ** 20).toFixed(0)}; sampled peaks ${Object.entries(
        peak,
      )
        .map(([k, v]) => `${k} ${v.toFixed(0)}`)
        .join(', ')} MB; maxRSS ${peakRssMb().toFixed(0)} MB`,
    );
  if (run.status !== 'succeeded') throw new Error(`bench sync ${run.status}: ${run.error}`);
  const changes = run.calendars.reduce((a, c) => a + c.inserted + c.updated + c.deleted, 0);
  return {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    changes,
    peakRssMb: peakRssMb(),
    events: app!.store.events.count(),
  };
}

/** Bytes on disk under the data dir (the cache, its WAL if any, and the small files beside it). */
function bytesUnder(d: string): number {
  let n = 0;
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    n += e.isDirectory() ? bytesUnder(p) : statSync(p).size;
  }
  return n;
}

serve({
  async login(m) {
    env = m.env as Record<string, string>;
    return { type: 'loggedIn' };
  },
  async full() {
    await fresh();
    return { type: 'fullDone', ...(await timed()) };
  },
  async incremental(m) {
    // BENCH_INCREMENTAL_PROF (bench/sync.ts passes the file): a CPU profile of this one run, for chrome://inspect or speedscope.
    const prof = typeof m.profile === 'string' ? m.profile : null;
    if (!prof) return { type: 'incrementalDone', ...(await timed()) };
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    try {
      return { type: 'incrementalDone', ...(await timed()) };
    } finally {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(prof, JSON.stringify(profile));
      session.disconnect();
    }
  },
  async detach() {
    await app?.close();
    app = null;
    return { type: 'detached', home: dir, cacheBytes: bytesUnder(dir!) };
  },
  async stop() {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    setImmediate(() => process.exit(0));
    return { type: 'stopped' };
  },
});
