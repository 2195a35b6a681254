// Benchmark of the sync engine (issue: Foundation). Full sync of 100,000 events
// over 5 calendars from the fake Google (2,500 per page), then 100 incremental
// changes; the floor is measured in the same run.
import { pathToFileURL } from 'node:url';
import { request, startBundledChild, startChild } from './sync/child';

export interface BenchReport {
  title: string;
  lines: string[];
  figures: Record<string, number>;
}

type Timing = { ms: number; cpuMs: number; changes: number; peakRssMb: number; events: number };

export async function runSyncBench(opts: { calendars?: number; perCalendar?: number } = {}): Promise<BenchReport> {
  const calendars = opts.calendars ?? 5;
  const perCalendar = opts.perCalendar ?? 20_000;
  const server = startChild('fake-server.ts');
  const engine = await startBundledChild('engine.ts');
  const floor = await startBundledChild('floor.ts');
  try {
    const started = await request<{ type: string; env: Record<string, string>; calendars: string[]; email: string }>(server, { type: 'start', calendars, perCalendar }, 'started');
    const all = [started.email, ...started.calendars];
    const floorRun = await request<{ type: string; ms: number; events: number; peakRssMb: number }>(floor, { type: 'run', env: started.env, calendars: all }, 'done');
    await request(engine, { type: 'login', env: started.env }, 'loggedIn');
    const full = await request<Timing & { type: string }>(engine, { type: 'full' }, 'fullDone');
    await request(server, { type: 'mutate', count: 100 }, 'mutated');
    const inc = await request<Timing & { type: string }>(engine, { type: 'incremental' }, 'incrementalDone');
    await request(engine, { type: 'stop' }, 'stopped');
    const ratio = full.ms / floorRun.ms;
    const figures = {
      events: full.events,
      floorMs: floorRun.ms,
      fullMs: full.ms,
      fullEventsPerSec: (floorRun.events / full.ms) * 1000,
      floorEventsPerSec: (floorRun.events / floorRun.ms) * 1000,
      fullRatio: ratio,
      fullPeakRssMb: full.peakRssMb,
      incrementalChanges: inc.changes,
      incrementalMs: inc.ms,
      incrementalCpuMs: inc.cpuMs,
    };
    return {
      title: `Sync: full ${calendars} × ${perCalendar} events, then 100 incremental changes`,
      figures,
      lines: [
        `floor (fetch + 1 prepared INSERT, 1 txn): ${floorRun.ms.toFixed(0)} ms, ${figures.floorEventsPerSec.toFixed(0)} events/s`,
        `full sync (engine):                       ${full.ms.toFixed(0)} ms, ${figures.fullEventsPerSec.toFixed(0)} events/s — ${ratio.toFixed(2)}× floor (target ≤ 1.5×)`,
        `peak RSS of the engine process:           ${full.peakRssMb.toFixed(0)} MB (target ≤ 250 MB)`,
        `incremental, ${inc.changes} changes:               ${inc.ms.toFixed(1)} ms wall, ${inc.cpuMs.toFixed(1)} ms engine CPU (target ≤ 50 ms)`,
      ],
    };
  } finally {
    for (const c of [server, engine, floor]) c.kill();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const r = await runSyncBench();
  console.log(`\n${r.title}\n${r.lines.map((l) => `  ${l}`).join('\n')}`);
}
