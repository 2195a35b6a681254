// Idle benchmark (issue 8): `calsync serve` with a synced account and nothing
// to do, measured from outside (/proc/<pid>) for 60 s: CPU time and voluntary
// context switches (a process that polls wakes up often; one that waits on
// timers and sockets barely does). Then the same with one window's SSE stream
// open (a heartbeat comment every 15 s). Target: CPU ≈ 0.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildCliBundle } from './cli-bundle';
import { cpuMsOf, rssOf } from './load/proc';
import { startServeProcess, type ServeProcess } from './load/serve-process';
import { request, startChild } from './sync/child';

export interface BenchReport {
  title: string;
  lines: string[];
  figures: Record<string, number>;
}

const wakeups = (pid: number) =>
  Number(/^voluntary_ctxt_switches:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

async function measure(s: ServeProcess, seconds: number): Promise<{ cpuMs: number; wakeupsPerSec: number }> {
  const c0 = cpuMsOf(s.pid);
  const w0 = wakeups(s.pid);
  await sleep(seconds * 1000);
  return { cpuMs: cpuMsOf(s.pid) - c0, wakeupsPerSec: (wakeups(s.pid) - w0) / seconds };
}

export async function runIdleBench(o: { seconds?: number } = {}): Promise<BenchReport> {
  const seconds = o.seconds ?? Number(process.env.IDLE_SECONDS ?? 60);
  const bundle = await buildCliBundle('idle-bench');
  const home = mkdtempSync(path.join(os.tmpdir(), 'calsync-idle-'));
  const google = startChild('../load/google-child.ts');
  const engine = startChild('../load/engine-child.ts');
  let serve: ServeProcess | null = null;
  try {
    const started = await request<{ type: string; env: Record<string, string> }>(
      google,
      { type: 'start', calendars: 3, perCalendar: 2_000 },
      'started',
    );
    const env = {
      ...process.env,
      ...started.env,
      CALSYNC_HOME: home,
      CALSYNC_TOKEN_STORE: 'file',
      CALSYNC_LOG_LEVEL: 'warn',
    };
    await request(engine, { type: 'login', env }, 'loggedIn');
    await request(engine, { type: 'sync' }, 'synced');
    await request(engine, { type: 'close' }, 'closed');
    serve = await startServeProcess(bundle.cli, env);
    await sleep(5_000); // start-up done; the last sync is fresh, so no catch-up run
    const alone = await measure(serve, seconds);
    const stream = new AbortController();
    const window = fetch(`${serve.origin}/api/events`, {
      headers: { Authorization: `Bearer ${serve.token}` },
      signal: stream.signal,
    }).then((r) => r.body?.pipeTo(new WritableStream()));
    window.catch(() => undefined);
    await sleep(1_000);
    const watched = await measure(serve, Math.max(10, seconds / 2));
    stream.abort();
    const mem = rssOf(serve.pid);
    const watchedSeconds = Math.max(10, seconds / 2);
    const figures = {
      seconds,
      cpuMs: alone.cpuMs,
      cpuPct: (alone.cpuMs / (seconds * 1000)) * 100,
      wakeupsPerSec: alone.wakeupsPerSec,
      withStreamCpuMs: watched.cpuMs,
      withStreamCpuPct: (watched.cpuMs / (watchedSeconds * 1000)) * 100,
      withStreamWakeupsPerSec: watched.wakeupsPerSec,
      rssMb: mem.rssMb,
    };
    return {
      title: `Idle: calsync serve with a synced 6,000-event account and nothing to do`,
      figures,
      lines: [
        `${seconds} s, no window: ${alone.cpuMs.toFixed(0)} ms CPU (${figures.cpuPct.toFixed(3)} % of a core), ${alone.wakeupsPerSec.toFixed(2)} voluntary wake-ups/s`,
        `${watchedSeconds} s, one window's SSE stream open: ${watched.cpuMs.toFixed(0)} ms CPU (${figures.withStreamCpuPct.toFixed(3)} % of a core), ${watched.wakeupsPerSec.toFixed(2)} wake-ups/s`,
        `RSS ${mem.rssMb.toFixed(0)} MB`,
      ],
    };
  } finally {
    await serve?.stop();
    for (const c of [google, engine]) c.kill();
    rmSync(home, { recursive: true, force: true });
    bundle.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const r = await runIdleBench();
  console.log(`\n${r.title}\n${r.lines.map((l) => `  ${l}`).join('\n')}`);
}
