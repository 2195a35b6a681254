// A whole offline world for integration tests: the fake Google on loopback, a
// fresh data dir, an engine (in-process or as `calsync` subprocesses) pointed
// at it, and captured logs to scan for secrets.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createApp, type CalsyncApp } from '../../src/main/core/app';
import type { Tuning } from '../../src/main/core/config/tuning';
import { createLogger } from '../../src/main/core/log/logger';
import type { Clock } from '../../src/main/core/clock';
import type { Account } from '../../src/shared/domain';
import { startFakeGoogle, type FakeGoogle, type FakeGoogleOptions } from '../fakes/google';
import { repoRoot } from './fixtures';

export const fastTuning = {
  lockTtlMs: 1_500,
  heartbeatMs: 200,
  retryBaseMs: 5,
  retryMaxMs: 50,
  retryMaxAttempts: 6,
  fullBudgetMs: 30_000,
  incrementalBudgetMs: 15_000,
  requestTimeoutMs: 2_000,
  loginTimeoutMs: 10_000,
  pageSize: 2500,
};

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface World {
  google: FakeGoogle;
  home: string;
  env: NodeJS.ProcessEnv;
  logs: string[];
  user: { email: string; sub: string };
  /** An in-process engine; `clock` for tests that move time (pass the same skew to the fake Google's `now`). */
  app(opts?: { clock?: Clock }): CalsyncApp;
  /** Signs in through the fake's auto-consent as `email` (default: the world's user). */
  login(
    app: CalsyncApp,
    opts?: { email?: string; write?: boolean; tasks?: boolean; tasksWrite?: boolean },
  ): Promise<Account>;
  cli(
    args: string[],
    opts?: { env?: NodeJS.ProcessEnv; killAfterMs?: number; onSpawn?: (kill: () => void) => void; input?: string },
  ): Promise<CliResult>;
  close(): Promise<void>;
}

export async function startWorld(
  opts: { tuning?: Partial<Tuning>; google?: FakeGoogleOptions; email?: string } = {},
): Promise<World> {
  const google = await startFakeGoogle(opts.google);
  const user = google.addUser({ email: opts.email ?? 'ada@example.test' });
  google.setConsentUser(user.email);
  const home = mkdtempSync(path.join(os.tmpdir(), 'calsync-world-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...google.env,
    CALSYNC_HOME: home,
    CALSYNC_TOKEN_STORE: 'file',
    CALSYNC_TUNING: JSON.stringify({ ...fastTuning, ...opts.tuning }),
    CALSYNC_LOG_LEVEL: 'debug',
  };
  const logs: string[] = [];
  const capture = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const apps: CalsyncApp[] = [];
  const children = new Set<ReturnType<typeof spawn>>();

  return {
    google,
    home,
    env,
    logs,
    user,
    app(o = {}) {
      const app = createApp({ env, clock: o.clock, logger: createLogger({ level: 'debug', stream: capture }) });
      apps.push(app);
      return app;
    },
    async login(app, o = {}) {
      // The fake consents at once and redirects the "browser" to the loopback listener.
      google.setConsentUser(o.email ?? user.email);
      return app.accounts.login({
        write: o.write,
        tasks: o.tasks,
        tasksWrite: o.tasksWrite,
        onAuthUrl: (url) => void fetch(url).catch(() => undefined),
      });
    },
    cli(args, o = {}) {
      return new Promise((resolve) => {
        // The bundle that tests/global-setup.ts built from the current sources.
        const child = spawn(process.execPath, [path.join(repoRoot, 'out/cli/calsync.mjs'), ...args], {
          cwd: repoRoot,
          env: { ...env, ...o.env },
          stdio: [o.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        });
        if (o.input !== undefined) child.stdin!.end(o.input);
        children.add(child);
        o.onSpawn?.(() => child.kill('SIGKILL'));
        let stdout = '';
        let stderr = '';
        child.stdout!.on('data', (d) => (stdout += d));
        child.stderr!.on('data', (d) => (stderr += d));
        const timer = o.killAfterMs === undefined ? null : setTimeout(() => child.kill('SIGKILL'), o.killAfterMs);
        child.on('close', (code, signal) => {
          if (timer) clearTimeout(timer);
          children.delete(child);
          logs.push(stderr);
          resolve({ code, signal, stdout, stderr });
        });
      });
    },
    async close() {
      for (const c of children) c.kill('SIGKILL');
      for (const a of apps) await a.close().catch(() => undefined);
      // Every integration test doubles as a leak check: no token, code or
      // verifier the fake issued may appear in any log line of the run.
      const text = logs.join('\n');
      const leaked = google.issuedTokens().filter((t) => text.includes(t));
      await google.close();
      rmSync(home, { recursive: true, force: true });
      if (leaked.length)
        throw new Error(`secrets leaked into logs: ${leaked.map((t) => `${t.slice(0, 6)}…`).join(', ')}`);
    },
  };
}
