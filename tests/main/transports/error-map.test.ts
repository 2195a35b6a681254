// The same failing operations through all three transports — loopback HTTP,
// the IPC dispatch, the CLI (in-process) — against one engine's data dir:
// each answers with the code error-map.ts expects, the status and exit code
// its table row gives, and logs the failure at that row's level (an
// unexpected error at `error`, with its stack).
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, type CalsyncApp } from '../../../src/main/core/app';
import { resolveConfig } from '../../../src/main/core/config/app-config';
import { createLogger } from '../../../src/main/core/log/logger';
import { setAppOptions } from '../../../src/main/cli/command-runner';
import { runCli } from '../../../src/main/cli/run-cli';
import { handleInvoke, type ShellOps } from '../../../src/main/electron/bridge-dispatch';
import { startServer, type RunningServer } from '../../../src/main/server/http-server';
import { ERROR_MAP, EXIT, type FailureLogLevel } from '../../../src/shared/error-map';
import type { ErrorCode } from '../../../src/shared/errors';

const APP_FRAME = { url: 'app://calsync/index.html', parent: null };
const FOREIGN_FRAME = { url: 'https://evil.example/', parent: null };
const PINO_LEVEL: Record<FailureLogLevel, number> = { debug: 20, info: 30, warn: 40, error: 50 };

interface Case {
  what: string;
  code: ErrorCode;
  /** Logged at `error` whatever the table says: not an AppError. */
  unexpected?: boolean;
  http?: { op: string; body: unknown; headers?: Record<string, string>; token?: string };
  ipc?: { op: string; input: unknown; frame?: typeof APP_FRAME };
  cli?: string[];
  /** The CLI refuses it before any engine exists (commander's usage error): nothing to log. */
  cliUnlogged?: boolean;
  /** HTTP and IPC refuse a caller each in their own words (an Origin, a frame); calls that reach the API share them. */
  ownWords?: boolean;
}

const CASES: Case[] = [
  {
    what: 'an unknown operation',
    code: 'unknown-operation',
    http: { op: 'noSuchOp', body: {} },
    ipc: { op: 'noSuchOp', input: {} },
    cli: ['no-such-command'],
    cliUnlogged: true,
  },
  {
    what: 'bad input',
    code: 'bad-input',
    http: { op: 'updateSettings', body: { timeZone: 'Mars/Olympus' } },
    ipc: { op: 'updateSettings', input: { timeZone: 'Mars/Olympus' } },
    cli: ['config', 'set', 'timeZone', 'Mars/Olympus'],
  },
  {
    what: 'a missing proposal',
    code: 'not-found',
    http: { op: 'rejectProposal', body: { id: 'no-such-proposal' } },
    ipc: { op: 'rejectProposal', input: { id: 'no-such-proposal' } },
    cli: ['reject', 'no-such-proposal'],
  },
  {
    what: 'a caller from elsewhere',
    code: 'refused',
    ownWords: true,
    http: { op: 'status', body: {}, headers: { Origin: 'https://evil.example' } },
    ipc: { op: 'status', input: {}, frame: FOREIGN_FRAME },
  },
  { what: 'a wrong access token', code: 'bad-token', http: { op: 'status', body: {}, token: 'not-the-token' } },
  {
    what: 'an unexpected failure',
    code: 'internal',
    unexpected: true,
    http: { op: 'plan', body: {} },
    ipc: { op: 'plan', input: {} },
    cli: ['plan'],
  },
];

let home: string;
let app: CalsyncApp;
let server: RunningServer;
let clockBroken = false;
const lines: Array<Record<string, unknown>> = [];
// The planner reads the clock first thing: a broken clock is an error no transport expects.
const clock = {
  now: () => {
    if (clockBroken) throw new TypeError('the clock broke');
    return Date.now();
  },
};
const shell: ShellOps = {
  shellCapabilities: async () => ({
    host: 'electron',
    launchAtLogin: { supported: false, enabled: false },
    opensLoginPage: true,
  }),
  setLaunchAtLogin: async ({ enabled }) => ({ enabled }),
};

beforeAll(async () => {
  home = mkdtempSync(path.join(os.tmpdir(), 'calsync-error-map-'));
  // The CLI resolves its configuration (and its log file) from the environment, as when run for real.
  vi.stubEnv('CALSYNC_HOME', home);
  vi.stubEnv('CALSYNC_TOKEN_STORE', 'file');
  vi.stubEnv('CALSYNC_GOOGLE_CLIENT_ID', 'id');
  vi.stubEnv('CALSYNC_GOOGLE_CLIENT_SECRET', 'secret');
  vi.stubEnv('CALSYNC_LOG_LEVEL', 'info');
  const capture = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
      cb();
    },
  });
  app = createApp({ clock, logger: createLogger({ level: 'debug', stream: capture }) });
  server = await startServer({ api: app.api, events: app.bus, log: app.log, rendererDir: null });
  // The CLI's engine: same data dir, same clock; its own failures go to the log file (stderr has the reason line).
  setAppOptions({ clock, logger: createLogger({ level: 'silent' }) });
});

afterAll(async () => {
  setAppOptions({});
  await server?.close();
  await app?.close();
  vi.unstubAllEnvs();
  rmSync(home, { recursive: true, force: true });
});

async function viaHttp(
  c: NonNullable<Case['http']>,
): Promise<{ status: number; body: { ok: boolean; error?: { code: string; message: string } } }> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/${c.op}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${c.token ?? server.token}`, ...c.headers },
    body: JSON.stringify(c.body),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean; error?: { code: string; message: string } } };
}

async function viaCli(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    process.exitCode = undefined;
    await runCli(['node', 'calsync', ...args]);
    return { code: Number(process.exitCode ?? 0), stderr };
  } finally {
    process.exitCode = undefined;
    err.mockRestore();
    out.mockRestore();
  }
}

const cliLogFile = () => path.join(resolveConfig().paths.logs, 'calsync.log');
const cliLogLines = () =>
  existsSync(cliLogFile())
    ? readFileSync(cliLogFile(), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>)
    : [];

describe('one error map for HTTP, IPC and the CLI', () => {
  it('sends the exit codes of DESIGN.md §6: 2 for bad usage, 3 for a held lock, 1 for every other failure', () => {
    for (const [code, route] of Object.entries(ERROR_MAP)) {
      const expected =
        code === 'bad-input' || code === 'unknown-operation'
          ? EXIT.usage
          : code === 'locked'
            ? EXIT.locked
            : EXIT.failure;
      expect(route.exit, code).toBe(expected);
      expect(route.http, code).toBeGreaterThanOrEqual(400);
    }
  });

  for (const c of CASES) {
    it(`${c.what}: ${c.code} on every transport, with the table's status, exit code and log level`, async () => {
      const row = ERROR_MAP[c.code];
      const level = PINO_LEVEL[c.unexpected ? 'error' : row.log];
      const messages: string[] = [];
      clockBroken = c.unexpected === true;
      try {
        if (c.http) {
          const r = await viaHttp(c.http);
          expect(r.body, `HTTP ${c.http.op}`).toMatchObject({ ok: false, error: { code: c.code } });
          expect(r.status, `HTTP ${c.http.op}`).toBe(row.http);
          messages.push(r.body.error!.message);
          const logged = lines.filter((l) => l.transport === 'http' && l.errorCode === c.code);
          expect(
            logged.map((l) => l.level),
            'HTTP log',
          ).toEqual([level]);
          if (c.unexpected) expect(String((logged[0]!.err as { stack?: string }).stack)).toContain('the clock broke');
        }
        if (c.ipc) {
          const r = await handleInvoke(
            { api: app.api, shell, log: app.log },
            c.ipc.frame ?? APP_FRAME,
            c.ipc.op,
            c.ipc.input,
          );
          expect(r, `IPC ${c.ipc.op}`).toMatchObject({ ok: false, error: { code: c.code } });
          if (!r.ok) messages.push(r.error.message);
          expect(
            lines.filter((l) => l.transport === 'ipc' && l.errorCode === c.code).map((l) => l.level),
            'IPC log',
          ).toEqual([level]);
        }
        if (c.cli) {
          const r = await viaCli(c.cli);
          expect(r.code, `calsync ${c.cli.join(' ')}: ${r.stderr}`).toBe(row.exit);
          if (!c.cliUnlogged) {
            // One reason line on stderr, the same words the other transports answer with.
            expect(r.stderr.trim().split('\n')).toEqual([`calsync: ${messages[0]}`]);
            // The file log keeps info and up; a debug-level failure is not written there.
            const logged = () => cliLogLines().filter((l) => l.transport === 'cli' && l.errorCode === c.code);
            if (level >= PINO_LEVEL.info) await vi.waitFor(() => expect(logged().map((l) => l.level)).toEqual([level]));
            else expect(logged()).toEqual([]);
          }
        }
      } finally {
        clockBroken = false;
      }
      // HTTP and IPC run the same API: they say the same thing.
      if (c.http && c.ipc && !c.ownWords) expect(messages[1]).toBe(messages[0]);
    });
  }
});
