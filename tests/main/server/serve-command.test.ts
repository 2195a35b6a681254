// `calsync serve` as people and programs run it: the URL line first, the
// loopback bind, the API behind the printed token, a clean stop on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/fixtures';
import { startServe } from '../../helpers/serve-process';
import { startWorld } from '../../helpers/world';

let home: string;
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'calsync-serve-'));
  env = {
    ...process.env,
    CALSYNC_HOME: home,
    CALSYNC_TOKEN_STORE: 'file',
    CALSYNC_GOOGLE_CLIENT_ID: 'id',
    CALSYNC_GOOGLE_CLIENT_SECRET: 'secret',
  };
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('calsync serve', () => {
  it('prints {"url"} first, serves the API on 127.0.0.1 with that token, and stops cleanly on SIGTERM', async () => {
    const serve = await startServe(env);
    expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
    const call = (token: string) =>
      fetch(`${serve.origin}/api/status`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
    const ok = await call(serve.token);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { ok: boolean; value: { nextSyncAt: string | null } };
    // The scheduler runs in serve, so the next sync is known.
    expect(body.value.nextSyncAt).not.toBeNull();
    expect((await call('wrong')).status).toBe(401);
    expect(await serve.stop()).toBe(0);
  });

  it('prints the URL as the first line for people too, and takes --port', async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const child = spawn(
      process.execPath,
      [path.join(repoRoot, 'out/cli/calsync.mjs'), 'serve', '--port', String(port)],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const first = await new Promise<string>((resolve) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('\n')) resolve(out.split('\n')[0]!);
      });
    });
    expect(first).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/#token=`));
    const code = new Promise((r) => child.once('exit', r));
    child.kill('SIGINT');
    expect(await code).toBe(0);
  });

  it('refuses a bad port as a usage error', async () => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'out/cli/calsync.mjs'), 'serve', '--port', 'http'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(await new Promise((r) => child.once('exit', r))).toBe(2);
  });

  it('on SIGTERM waits for the running sync to finish before it exits', async () => {
    const world = await startWorld({ tuning: { pageSize: 20 } });
    try {
      for (let i = 0; i < 100; i++) {
        const start = Date.UTC(2026, 4, 1) + i * 7_200_000;
        world.google.insertEvent(world.user.email, {
          summary: `e${i}`,
          start: { dateTime: new Date(start).toISOString() },
          end: { dateTime: new Date(start + 1_800_000).toISOString() },
        });
      }
      const app = world.app();
      await world.login(app);
      await app.close();
      // Five pages at 300 ms each: the run is surely still going when the signal comes.
      world.google.faults.inject({ match: { path: '/events' }, action: { kind: 'delay', ms: 300 }, times: 100 });
      const serve = await startServe(world.env);
      const post = (op: string) =>
        fetch(`${serve.origin}/api/${op}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${serve.token}`, 'Content-Type': 'application/json' },
          body: '{}',
        });
      void post('syncNow').catch(() => undefined);
      await expect
        .poll(async () => ((await (await post('status')).json()) as { value: { running: unknown } }).value.running, {
          timeout: 10_000,
        })
        .not.toBeNull();
      expect(await serve.stop()).toBe(0);
      const runs = await world.cli(['runs', '--json']);
      const [last] = JSON.parse(runs.stdout) as Array<{ status: string; calendars: Array<{ inserted: number }> }>;
      expect(last?.status).toBe('succeeded');
      expect(last?.calendars[0]?.inserted).toBe(100);
    } finally {
      await world.close();
    }
  });
});
