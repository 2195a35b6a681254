// `calsync demo --no-open --json`: starts, syncs the sample account, serves the
// window's API with status.demo true and the sample events in the cache — and
// leaves the user's real data dir (CALSYNC_HOME) and HOME as they were. On
// SIGTERM it stops and removes its own temporary data dir.
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StatusReport } from '../../src/shared/api';
import type { CachedEvent } from '../../src/shared/domain';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { useTempDir } from '../helpers/temp-dir';

async function call<T>(p: ServeProcess, op: string, input: unknown = {}): Promise<T> {
  const res = await fetch(`${p.origin}/api/${op}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${p.token}` },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value: T; error?: unknown };
  if (!body.ok) throw new Error(JSON.stringify(body.error));
  return body.value;
}

/** Every file under a dir with its size and mtime: "untouched" means this does not change. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((e) => path.join(e.parentPath, e.name))
    .map((f) => `${f} ${statSync(f).size} ${statSync(f).mtimeMs}`)
    .sort();
}

describe('calsync demo', () => {
  const tempDir = useTempDir();
  let demo: ServeProcess | null = null;
  afterEach(async () => {
    await demo?.stop();
    demo = null;
  });

  it('serves a synced sample account flagged as the demo, without touching the real data dir', async () => {
    const real = tempDir();
    const home = tempDir();
    mkdirSync(path.join(real, 'logs'));
    writeFileSync(path.join(real, 'config.json'), '{"timeZone":"America/Chicago"}\n');
    const before = snapshot(real);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: home,
      CALSYNC_HOME: real,
      CALSYNC_TOKEN_STORE: 'file',
      CALSYNC_LOG_LEVEL: 'warn',
      TZ: process.env.TZ,
    };
    demo = await startServe(env, ['--no-open', '--seed', '3', '--now', '2026-03-04T10:00:00Z'], {
      command: 'demo',
      startupMs: 60_000,
    });

    const dataDir = String(demo.line.dataDir);
    expect(existsSync(path.join(dataDir, 'calsync.db'))).toBe(true);
    expect(path.relative(real, dataDir).startsWith('..')).toBe(true);
    expect(demo.line.events).toBeGreaterThan(100);

    const status = await call<StatusReport>(demo, 'status');
    expect(status.demo).toBe(true);
    expect(status.accounts).toHaveLength(1);
    expect(status.calendars.map((c) => c.timeZone).sort()).toEqual(['Asia/Tokyo', 'Europe/Berlin', 'Europe/Berlin']);
    expect(status.lastRun?.status).toBe('succeeded');
    expect(status.tokenStore.kind).toBe('memory');
    const events = await call<CachedEvent[]>(demo, 'listEvents', {});
    expect(events).toHaveLength(demo.line.events as number);
    expect(events.some((e) => e.recurringEventId)).toBe(true);
    const inserted = status.lastRun!.calendars.reduce((n, c) => n + c.inserted, 0);
    expect(events.length).toBeLessThanOrEqual(inserted);
    expect(status.proposalsPending).toBeGreaterThan(0);
    const settings = await call<{ timeZone: string }>(demo, 'getSettings');
    expect(settings.timeZone).toBe('Europe/Berlin');

    expect(await demo.stop()).toBe(0);
    demo = null;
    expect(snapshot(real)).toEqual(before);
    expect(readdirSync(home)).toEqual([]);
    expect(existsSync(dataDir)).toBe(false);
  }, 90_000);
});
