// Benchmark of the sync engine (issue 16, "an honest bench"). Full sync of
// 100,000 events over 5 calendars, engine and floor alternating in pairs (the
// order switching each pair, BENCH_PAIRS pairs, at least 3), both fed the same
// pages from memory (sync/page-cache.ts); then 100 incremental changes in
// process; then the `calsync` command end to end (process start to exit) on
// the engine's 100k cache: `status`, and `sync` with 100 changes alternated
// with that command's floor (sync/cli-floor.ts: a new process that only
// fetches and writes the same changes on its own copy of the cache); then
// `sync` again while `calsync serve` runs on the cache (the command hands its
// sync to the app), alternated with the same floor.
// BENCH_CLI_BASE=<path to another calsync.mjs> alternates those runs with it
// (e.g. /work/main/out/cli/calsync.mjs: the tree before).
// BENCH_INCREMENTAL_REPEATS=N: N incremental runs of 100 changes each (default
// 1), reported as median and spread. BENCH_INCREMENTAL_PROF=1 writes a CPU
// profile of one more run first to out/bench/incremental-<pid>.cpuprofile
// (the profiler's own cost is in that run's figures, so it is left out of them).
import { spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildCliBundle } from './cli-bundle';
import { bundleScript, request, startChild } from './sync/child';
import { accessToken } from './sync/oauth';
import { startServe } from './sync/with-app';
import { fullSyncPairs, median, type Timing } from './sync/pairs';

export interface BenchReport {
  title: string;
  lines: string[];
  figures: Record<string, number>;
}

const verdict = (value: number, target: number) => (value <= target ? 'PASS' : 'FAIL');
const load = () => os.loadavg()[0]!.toFixed(1);

/** CPU time (user + sys) of each run, from GNU time when the machine has it: wall time is noisy on a shared machine. */
const cpuMs = new Map<string, number[]>();
const GNU_TIME = '/usr/bin/time';
const hasGnuTime = existsSync(GNU_TIME);

/** Rounds of 100 changes synced by each command (and the floor), the order switching. */
const SYNC_ROUNDS = 5;

/** BENCH_CLI_NODE_ARGS: node flags for the command runs (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"). */
const cliNodeArgs = (process.env.BENCH_CLI_NODE_ARGS ?? '').split(' ').filter(Boolean);

function timeCli(cli: string, args: string[], env: NodeJS.ProcessEnv, cpuKey?: string): number {
  const t0 = performance.now();
  const node = [process.execPath, ...cliNodeArgs, cli, ...args];
  const r = hasGnuTime
    ? spawnSync(GNU_TIME, ['-f', 'cpu %U %S', ...node], { env, encoding: 'utf8' })
    : spawnSync(node[0]!, node.slice(1), { env, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`calsync ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const cpu = /cpu (\S+) (\S+)\s*$/.exec(r.stderr);
  if (cpuKey && cpu) cpuMs.set(cpuKey, [...(cpuMs.get(cpuKey) ?? []), (Number(cpu[1]) + Number(cpu[2])) * 1000]);
  return ms;
}

export async function runSyncBench(
  opts: { calendars?: number; perCalendar?: number; pairs?: number } = {},
): Promise<BenchReport> {
  const calendars = opts.calendars ?? 5;
  const perCalendar = opts.perCalendar ?? 20_000;
  const pairs = Math.max(3, opts.pairs ?? Number(process.env.BENCH_PAIRS ?? 3));
  const server = startChild('fake-server.ts');
  let engine: ChildProcess | null = null;
  const bundle = await buildCliBundle('bench-cli');
  let baseHomeToRemove: string | null = null;
  let floorHomeToRemove: string | null = null;
  try {
    const started = await request<{
      type: string;
      env: Record<string, string>;
      calendars: string[];
      email: string;
      pages: number;
    }>(server, { type: 'start', calendars, perCalendar }, 'started');
    const all = [started.email, ...started.calendars];
    const pairsRun = await fullSyncPairs(started.env, all, pairs);
    engine = pairsRun.engine;
    const rows = pairsRun.rows;
    const ratios = rows.map((r) => r.ratio);
    const events = perCalendar * calendars;

    const repeats = Math.max(1, Number(process.env.BENCH_INCREMENTAL_REPEATS ?? 1));
    const profile = process.env.BENCH_INCREMENTAL_PROF
      ? path.resolve('out/bench', `incremental-${process.pid}.cpuprofile`)
      : null;
    const incs: Timing[] = [];
    for (let i = 0; i < (profile ? repeats + 1 : repeats); i++) {
      await request(server, { type: 'mutate', count: 100 }, 'mutated');
      const profiled = profile !== null && i === 0;
      const r = await request<Timing & { type: string }>(
        engine,
        { type: 'incremental', ...(profiled ? { profile } : {}) },
        'incrementalDone',
      );
      if (profiled) console.error(`  CPU profile of an incremental run (not counted): ${profile}`);
      else incs.push(r);
    }
    const incMs = incs.map((r) => r.ms);
    const incCpu = incs.map((r) => r.cpuMs);
    const inc = { changes: incs[0]!.changes, ms: median(incMs), cpuMs: median(incCpu) };

    // End to end: the engine's cache (100k events, signed in) under the `calsync` command.
    const { home } = await request<{ type: string; home: string }>(engine, { type: 'detach' }, 'detached');
    const env = {
      ...process.env,
      ...started.env,
      CALSYNC_HOME: home,
      CALSYNC_TOKEN_STORE: 'file',
      CALSYNC_LOG_LEVEL: 'warn',
    };
    const base = process.env.BENCH_CLI_BASE;
    // The base runs on its own copy of the cache: a tree with a newer schema
    // step migrates the cache on open, and an older build refuses such a cache.
    const baseHome = `${home}-base`;
    if (base) {
      cpSync(home, baseHome, { recursive: true });
      baseHomeToRemove = baseHome;
    }
    const clis: Array<[string, string, NodeJS.ProcessEnv]> = [
      ['this tree', bundle.cli, env],
      ...(base ? [['base', base, { ...env, CALSYNC_HOME: baseHome }] as [string, string, NodeJS.ProcessEnv]] : []),
    ];
    const statusMs = new Map<string, number[]>(clis.map(([n]) => [n, []]));
    const syncMs = new Map<string, number[]>(clis.map(([n]) => [n, []]));
    for (const [, cli, cliEnv] of clis) timeCli(cli, ['status'], cliEnv); // warm the file system's page cache once, for each
    for (let i = 0; i < 5; i++) {
      for (const [name, cli, cliEnv] of i % 2 ? [...clis].reverse() : clis)
        statusMs.get(name)!.push(timeCli(cli, ['status'], cliEnv, `status ${name}`));
    }
    // The command's floor (bench/sync/cli-floor.ts) syncs the same changes on its own copy of the cache.
    const floorHome = `${home}-floor`;
    cpSync(home, floorHome, { recursive: true });
    floorHomeToRemove = floorHome;
    const floorEnv = { ...env, CALSYNC_HOME: floorHome, FLOOR_ACCESS_TOKEN: await accessToken(started.env) };
    const floorCli = await bundleScript('cli-floor.ts');
    const syncers: Array<[string, string, string[], NodeJS.ProcessEnv]> = [
      ...clis.map(([n, cli, e]): [string, string, string[], NodeJS.ProcessEnv] => [n, cli, ['sync'], e]),
      ['floor', floorCli, [], floorEnv],
    ];
    syncMs.set('floor', []);
    for (let i = 0; i < SYNC_ROUNDS; i++) {
      // One batch of 100 changes per round: each side's own cache syncs exactly those.
      await request(server, { type: 'mutate', count: 100 }, 'mutated');
      for (const [name, cli, args, cliEnv] of i % 2 ? [...syncers].reverse() : syncers)
        syncMs.get(name)!.push(timeCli(cli, args, cliEnv, `sync ${name}`));
    }
    const syncRatios = syncMs.get('this tree')!.map((ms, i) => ms / syncMs.get('floor')![i]!);
    const loadAfterCli = load();

    // The same command while `calsync serve` runs on the cache: it hands its sync to the app (core/control).
    const handedMs: number[] = [];
    const handedFloorMs: number[] = [];
    const serve = await startServe(bundle.cli, env);
    try {
      // Joins or follows the app's start-up sync, not counted; and proves the hand-over (the command says when it syncs itself).
      const check = spawnSync(process.execPath, [bundle.cli, 'sync'], {
        env: { ...env, CALSYNC_LOG_LEVEL: 'debug' },
        encoding: 'utf8',
      });
      if (check.status !== 0 || check.stderr.includes('syncing in this process'))
        throw new Error(`calsync sync did not hand its sync to calsync serve: ${check.stderr}`);
      for (let i = 0; i < SYNC_ROUNDS; i++) {
        await request(server, { type: 'mutate', count: 100 }, 'mutated');
        const sides: Array<[number[], string, string[], NodeJS.ProcessEnv, string]> = [
          [handedMs, bundle.cli, ['sync'], env, 'sync handed'],
          [handedFloorMs, floorCli, [], floorEnv, 'sync floor (app running)'],
        ];
        for (const [into, cli, args, cliEnv, key] of i % 2 ? sides.reverse() : sides)
          into.push(timeCli(cli, args, cliEnv, key));
      }
    } finally {
      await serve.stop();
    }
    const handedRatios = handedMs.map((ms, i) => ms / handedFloorMs[i]!);
    const loadAfterHanded = load();
    const statusMedian = median(statusMs.get('this tree')!);
    const syncMedian = median(syncMs.get('this tree')!);
    const figures = {
      events,
      pairs,
      fullRatioMedian: median(ratios),
      fullRatioMin: Math.min(...ratios),
      fullRatioMax: Math.max(...ratios),
      fullMsMedian: median(rows.map((r) => r.engineMs)),
      floorMsMedian: median(rows.map((r) => r.floorMs)),
      fullPeakRssMb: Math.max(...rows.map((r) => r.rss)),
      incrementalChanges: inc.changes,
      incrementalMs: inc.ms,
      incrementalCpuMs: inc.cpuMs,
      cliStatusMs: statusMedian,
      cliSyncMs: syncMedian,
      cliSyncFloorMs: median(syncMs.get('floor')!),
      cliSyncRatioMedian: median(syncRatios),
      cliSyncHandedMs: median(handedMs),
      cliSyncHandedRatioMedian: median(handedRatios),
    };
    const spread = (name: string, xs: number[], cpu?: number[]) =>
      `${name}: median ${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})${
        cpu?.length
          ? `, CPU ${median(cpu).toFixed(0)} ms (${Math.min(...cpu).toFixed(0)}–${Math.max(...cpu).toFixed(0)})`
          : ''
      }`;
    return {
      title: `Sync: full ${calendars} × ${perCalendar} events (${started.pages} pages from memory), ${pairs} engine/floor pairs; 100 incremental changes; the command end to end — load ${load()}`,
      figures,
      lines: [
        ...rows.map(
          (r, i) =>
            `pair ${i + 1} (${r.first} first): floor ${r.floorMs.toFixed(0)} ms, engine ${r.engineMs.toFixed(0)} ms — ${r.ratio.toFixed(2)}×`,
        ),
        `full sync vs floor: median ${figures.fullRatioMedian.toFixed(2)}× (spread ${figures.fullRatioMin.toFixed(2)}–${figures.fullRatioMax.toFixed(2)}×; target ≤ 1.3×) ${verdict(figures.fullRatioMedian, 1.3)}`,
        `engine full sync: median ${figures.fullMsMedian.toFixed(0)} ms (${((events / figures.fullMsMedian) * 1000).toFixed(0)} events/s); floor ${figures.floorMsMedian.toFixed(0)} ms`,
        `peak RSS of the engine process: ${figures.fullPeakRssMb.toFixed(0)} MB (target ≤ 200 MB) ${verdict(figures.fullPeakRssMb, 200)}`,
        `incremental in process, ${inc.changes} changes${incs.length > 1 ? `, median of ${incs.length}` : ''}: ${inc.ms.toFixed(1)} ms wall${incs.length > 1 ? ` (${Math.min(...incMs).toFixed(1)}–${Math.max(...incMs).toFixed(1)})` : ''}, ${inc.cpuMs.toFixed(1)} ms engine CPU${incs.length > 1 ? ` (${Math.min(...incCpu).toFixed(1)}–${Math.max(...incCpu).toFixed(1)})` : ''} (target ≤ 60 ms engine time) ${verdict(inc.ms, 60)}`,
        `\`calsync status\` on the 100k cache, process start to exit — ${clis.map(([n]) => spread(n, statusMs.get(n)!, cpuMs.get(`status ${n}`))).join('; ')} (target ≤ 250 ms) ${verdict(statusMedian, 250)} — load ${loadAfterCli}`,
        `\`calsync sync\` with 100 changes, no app running, process start to exit — ${clis.map(([n]) => spread(n, syncMs.get(n)!, cpuMs.get(`sync ${n}`))).join('; ')} (target ≤ 350 ms) ${verdict(syncMedian, 350)} — load ${loadAfterCli}`,
        `  its floor (a new process that only fetches and writes the changes, bench/sync/cli-floor.ts) — ${spread('floor', syncMs.get('floor')!, cpuMs.get('sync floor'))}; this tree / floor: median ${median(syncRatios).toFixed(2)}× (${Math.min(...syncRatios).toFixed(2)}–${Math.max(...syncRatios).toFixed(2)}×, ${SYNC_ROUNDS} rounds, the order switching)`,
        `\`calsync sync\` with 100 changes while \`calsync serve\` runs (handed to it), process start to exit — ${spread('this tree', handedMs, cpuMs.get('sync handed'))} (target ≤ 350 ms) ${verdict(median(handedMs), 350)} — load ${loadAfterHanded}`,
        `  the floor in the same rounds — ${spread('floor', handedFloorMs, cpuMs.get('sync floor (app running)'))}; handed / floor: median ${median(handedRatios).toFixed(2)}× (${Math.min(...handedRatios).toFixed(2)}–${Math.max(...handedRatios).toFixed(2)}×, ${SYNC_ROUNDS} rounds, the order switching)`,
      ],
    };
  } finally {
    server.kill();
    engine?.kill();
    bundle.remove();
    for (const dir of [baseHomeToRemove, floorHomeToRemove]) if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const r = await runSyncBench();
  console.log(`\n${r.title}\n${r.lines.map((l) => `  ${l}`).join('\n')}`);
}
