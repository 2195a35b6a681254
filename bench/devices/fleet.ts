// The device processes of the bench: one esbuild bundle of device-child.ts
// (as the shipped app runs: no TypeScript loader in each process), forked once
// per device on its own data dir, SIGKILLed and forked again on the same dir.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { request, type Message } from '../sync/child';

const here = path.dirname(fileURLToPath(import.meta.url));

export async function buildDeviceBundle(): Promise<{ file: string; remove(): void }> {
  // A private copy: another engineer's rebuild of out/ must not swap the file under a running bench.
  const dir = mkdtempSync(path.join(path.resolve(here, '../../out'), 'bench-devices-'));
  const file = path.join(dir, 'device-child.mjs');
  await build({
    entryPoints: [path.join(here, 'device-child.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: ['better-sqlite3', '@napi-rs/keyring'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface PushReport {
  device: number;
  at: number;
  pushed: number;
  pending: number;
  error: string | null;
}

export class Device {
  readonly home = mkdtempSync(path.join(os.tmpdir(), 'calsync-bench-device-'));
  child: ChildProcess | null = null;
  deviceId = '';
  kills = 0;
  private closing = false;
  /** Set when the process exited without being told to (a crash the bench did not cause). */
  crashed: string | null = null;
  loopErrors: string[] = [];

  constructor(
    readonly index: number,
    readonly email: string,
    readonly calendars: string[],
    private readonly bundle: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly onPush: (r: PushReport) => void,
  ) {}

  get alive(): boolean {
    return this.child !== null;
  }

  async start(): Promise<void> {
    this.closing = false;
    const child = fork(this.bundle, [], {
      env: { ...this.env, CALSYNC_HOME: this.home },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr = (stderr + String(d)).slice(-4000)));
    child.on('message', (m: Message) => {
      if (m.type === 'pushed')
        this.onPush({
          device: this.index,
          at: Number(m.at),
          pushed: Number(m.pushed),
          pending: Number(m.pending),
          error: (m.error as string | null) ?? null,
        });
      else if (m.type === 'loop-error') this.loopErrors.push(String(m.message));
    });
    child.on('exit', (code, signal) => {
      if (this.child === child && signal !== 'SIGKILL' && !this.closing)
        this.crashed = `device ${this.index} exited with ${code ?? signal}: ${stderr.trim().slice(-500)}`;
      if (this.child === child) this.child = null;
    });
    await new Promise<void>((resolve, reject) => {
      child.once('message', (m: Message) => (m.type === 'ready' ? resolve() : reject(new Error(String(m.type)))));
      child.once('exit', (code) => reject(new Error(`device ${this.index} exited with ${code}: ${stderr}`)));
    });
    this.child = child;
  }

  ask<T extends Message>(msg: Message, reply: string): Promise<T> {
    if (!this.child) throw new Error(`device ${this.index} is not running`);
    return request<T>(this.child, msg, reply);
  }

  /** SIGKILL: no `finally`, no lease release, no clean-shutdown marker. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    this.kills++;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await gone;
  }

  async close(): Promise<void> {
    if (!this.child) return;
    const child = this.child;
    const gone = new Promise((r) => child.once('exit', r));
    this.closing = true;
    await this.ask({ type: 'close' }, 'closed').catch(() => child.kill('SIGKILL'));
    this.child = null;
    await gone;
  }

  cleanup(): void {
    rmSync(this.home, { recursive: true, force: true });
  }
}
