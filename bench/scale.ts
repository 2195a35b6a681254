// The scaling table (issue 16 item 7): at each size, full syncs of the engine
// against the floor in alternating pairs, the engine's peak RSS, an
// incremental sync of 100 changes in process, and the cache's size on disk.
// `BENCH_ONLY=scale npm run bench`; BENCH_SCALE_SIZES (default
// 10000,100000,300000; add 1000000 for the long run), BENCH_SCALE_CALENDARS
// (default 5: the events spread over that many calendars, so a calendar grows
// with the size), BENCH_PAIRS (default 3). Every figure is printed with the
// load average when it was taken: the machine is shared.
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { request, startChild } from './sync/child';
import { fullSyncPairs, median, type Timing } from './sync/pairs';
import type { BenchReport } from './sync';

const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

export interface ScaleRow {
  events: number;
  ratioMedian: number;
  ratioMin: number;
  ratioMax: number;
  engineMs: number;
  floorMs: number;
  peakRssMb: number;
  floorPeakRssMb: number;
  incrementalMs: number;
  incrementalCpuMs: number;
  cacheMb: number;
  load: string;
}

/** One size: its own fake (so memory and pages are that size's alone), then pairs, incremental, size on disk. */
export async function scaleAt(events: number, calendars: number, pairs: number): Promise<ScaleRow> {
  const perCalendar = Math.ceil(events / calendars);
  const server = startChild('fake-server.ts');
  try {
    const started = await request<{ type: string; env: Record<string, string>; calendars: string[]; email: string }>(
      server,
      { type: 'start', calendars, perCalendar },
      'started',
    );
    const { rows, engine } = await fullSyncPairs(started.env, [started.email, ...started.calendars], pairs);
    try {
      await request(server, { type: 'mutate', count: 100 }, 'mutated');
      const inc = await request<Timing & { type: string }>(engine, { type: 'incremental' }, 'incrementalDone');
      const { cacheBytes } = await request<{ type: string; cacheBytes: number }>(
        engine,
        { type: 'detach' },
        'detached',
      );
      const exited = new Promise((r) => engine.once('exit', r));
      await request(engine, { type: 'stop' }, 'stopped');
      await exited; // lets a profile (BENCH_ENGINE_ARGS) be written
      const ratios = rows.map((r) => r.ratio);
      return {
        events: perCalendar * calendars,
        ratioMedian: median(ratios),
        ratioMin: Math.min(...ratios),
        ratioMax: Math.max(...ratios),
        engineMs: median(rows.map((r) => r.engineMs)),
        floorMs: median(rows.map((r) => r.floorMs)),
        peakRssMb: Math.max(...rows.map((r) => r.rss)),
        floorPeakRssMb: Math.max(...rows.map((r) => r.floorRss)),
        incrementalMs: inc.ms,
        incrementalCpuMs: inc.cpuMs,
        cacheMb: cacheBytes / 2 ** 20,
        load: load(),
      };
    } finally {
      engine.kill();
    }
  } finally {
    server.kill();
  }
}

/** The targets of issue 16 at each size: ratio ≤ 1.3× at every size, peak RSS ≤ 200 MB up to 300k, incremental ≤ 60 ms. */
export function scaleLines(r: ScaleRow): string[] {
  const k = `${(r.events / 1000).toFixed(0)}k`;
  return [
    `${k} events (load ${r.load}): full sync ${r.engineMs.toFixed(0)} ms (${((r.events / r.engineMs) * 1000).toFixed(0)} events/s), floor ${r.floorMs.toFixed(0)} ms`,
    `${k}: engine / floor median ${r.ratioMedian.toFixed(2)}× (spread ${r.ratioMin.toFixed(2)}–${r.ratioMax.toFixed(2)}×; target ≤ 1.3×) ${verdict(r.ratioMedian <= 1.3)}`,
    `${k}: peak RSS ${r.peakRssMb.toFixed(0)} MB, the floor's ${r.floorPeakRssMb.toFixed(0)} MB (target ≤ 200 MB up to 300k) ${r.events <= 300_000 ? verdict(r.peakRssMb <= 200) : 'no target'}`,
    `${k}: incremental, 100 changes: ${r.incrementalMs.toFixed(0)} ms wall, ${r.incrementalCpuMs.toFixed(0)} ms CPU (target ≤ 60 ms) ${verdict(r.incrementalMs <= 60)}`,
    `${k}: cache on disk ${r.cacheMb.toFixed(1)} MB (${((r.cacheMb * 2 ** 20) / r.events).toFixed(0)} bytes per event; no target)`,
  ];
}

export async function runScaleBench(): Promise<BenchReport> {
  const sizes = (process.env.BENCH_SCALE_SIZES ?? '10000,100000,300000').split(',').map(Number);
  const calendars = Number(process.env.BENCH_SCALE_CALENDARS ?? 5);
  const pairs = Math.max(1, Number(process.env.BENCH_PAIRS ?? 3));
  const lines: string[] = [];
  const figures: Record<string, number> = {};
  for (const size of sizes) {
    const r = await scaleAt(size, calendars, pairs);
    const rowLines = scaleLines(r);
    for (const l of rowLines) console.error(`  ${l}`); // progress: a long run shows each size as it ends
    lines.push(...rowLines);
    for (const [key, v] of Object.entries(r)) if (typeof v === 'number') figures[`${size}.${key}`] = v;
  }
  return {
    title: `Scale: full sync, engine vs floor (${pairs} alternating pairs), peak RSS, 100 incremental changes, cache size — ${calendars} calendars; load at the end ${load()}`,
    lines,
    figures,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const r = await runScaleBench();
  console.log(`\n${r.title}\n${r.lines.map((l) => `  ${l}`).join('\n')}`);
}
