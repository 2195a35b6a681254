// Engine processes of a trial: `calsync` commands SIGKILLed at a chosen point
// (after the n-th Google request, or after some milliseconds), and
// `calsync serve` for the "Sync now" storms.
import { spawn, type ChildProcess } from 'node:child_process';
import type { ChaosWorld } from './world';

export interface Kill {
  /** Kill once this many Google requests arrived after the spawn (then wait `extraMs`). */
  atRequest?: number;
  /** Kill once Google has heard nothing for `extraMs` after the process's first request: the listing is over, the push or the run's end is on. */
  afterListing?: boolean;
  /** Milliseconds after that request, or after the spawn when no request count is given. */
  extraMs: number;
}

export interface CliOutcome {
  args: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  killed: boolean;
  /** The process was still running at the time limit (a hang): killed and reported. */
  overran: boolean;
  ms: number;
}

/** Longer than any run's budget (20 s for a full sync in the chaos tuning) plus a push. */
const OVERRUN_MS = 60_000;

export function runCli(w: ChaosWorld, args: string[], kill?: Kill): Promise<CliOutcome> {
  const started = Date.now();
  const child = spawn(process.execPath, [w.cliPath, ...args], { env: w.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let killed = false;
  let overran = false;
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const timers: NodeJS.Timeout[] = [];
  const doKill = () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    killed = true;
    child.kill('SIGKILL');
  };
  let unwatch = () => {};
  if (kill?.afterListing) {
    let quiet: NodeJS.Timeout | null = null;
    unwatch = w.tally.onRequest(() => {
      if (quiet) clearTimeout(quiet);
      quiet = setTimeout(doKill, kill.extraMs);
      timers.push(quiet);
    });
  } else if (kill?.atRequest !== undefined) {
    let seen = 0;
    const at = kill.atRequest;
    unwatch = w.tally.onRequest(() => {
      if (++seen === at) timers.push(setTimeout(doKill, kill.extraMs));
    });
  } else if (kill) {
    timers.push(setTimeout(doKill, kill.extraMs));
  }
  timers.push(
    setTimeout(() => {
      overran = true;
      doKill();
    }, OVERRUN_MS),
  );
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      unwatch();
      for (const t of timers) clearTimeout(t);
      resolve({
        args,
        code,
        signal,
        stdout,
        stderr,
        killed: killed && signal === 'SIGKILL',
        overran,
        ms: Date.now() - started,
      });
    });
  });
}

export interface ServeHandle {
  origin: string;
  token: string;
  child: ChildProcess;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startServe(w: ChaosWorld): Promise<ServeHandle> {
  const child = spawn(process.execPath, [w.cliPath, 'serve', '--json'], {
    env: w.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no URL in 30 s; stderr:\n${stderr}`)), 30_000);
    child.stdout.on('data', (d) => {
      out += d;
      if (!out.includes('\n')) return;
      clearTimeout(timer);
      resolve((JSON.parse(out.split('\n')[0]!) as { url: string }).url);
    });
    void exited.then(({ code }) =>
      reject(new Error(`serve exited with ${code} before printing a URL; stderr:\n${stderr}`)),
    );
  });
  const u = new URL(url);
  return {
    origin: u.origin,
    token: new URLSearchParams(u.hash.slice(1)).get('token') ?? '',
    child,
    stderr: () => stderr,
    exited,
  };
}

/** SIGTERM, then the exit (serve waits for a running sync); SIGKILL and report after `limitMs`. */
export async function stopServe(s: ServeHandle, limitMs = 45_000): Promise<{ code: number | null; overran: boolean }> {
  if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGTERM');
  const timer = new Promise<'late'>((r) => setTimeout(() => r('late'), limitMs).unref());
  const first = await Promise.race([s.exited, timer]);
  if (first !== 'late') return { code: first.code, overran: false };
  s.child.kill('SIGKILL');
  return { code: (await s.exited).code, overran: true };
}

/** A Node stack frame on stderr means an exception escaped to the user. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+(:\d+:\d+\)?|\(native\))$/m.test(text);
}
