// Storage failing under a running engine (the start-up case is in
// storage-faults.test.ts): heartbeats that cannot be written, a full disk while
// the pusher settles a batch, and a cache file damaged under `calsync serve`.
// Each gives a clear error and keeps the process up; nothing is lost.
import { closeSync, openSync, readdirSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CalsyncApp } from '../../src/main/core/app';
import type { SupabaseShim } from '../fakes/supabase';
import { cacheView, serverView } from '../helpers/compare';
import { seedAccount, type Seeded } from '../helpers/seed';
import { startServe } from '../helpers/serve-process';
import { startWorld, type World } from '../helpers/world';
import { cacheWorkspaceView, connectApp, newWorkspace, startShim, workspaceView } from '../helpers/workspace';

const diskFull = () => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });

let world: World;
let seeded: Seeded;
afterEach(() => world?.close());

function catchUncaught(): { errors: unknown[]; stop(): void } {
  const errors: unknown[] = [];
  const on = (e: unknown) => errors.push(e);
  process.on('uncaughtException', on);
  return { errors, stop: () => process.off('uncaughtException', on) };
}

describe('heartbeats that cannot be written', () => {
  it('during a sync (disk full): no exception escapes the timer, the run ends, the next one converges', async () => {
    world = await startWorld({ tuning: { pageSize: 10, heartbeatMs: 50, lockTtlMs: 2_000 } });
    seeded = seedAccount(world.google, world.user.email, { perCalendar: 40 });
    const app = world.app();
    await world.login(app);
    world.google.faults.inject({ match: { path: /\/events$/ }, times: 40, action: { kind: 'delay', ms: 30 } });
    const runBeat = app.store.runs.heartbeat.bind(app.store.runs);
    const lockBeat = app.store.locks.heartbeat.bind(app.store.locks);
    app.store.runs.heartbeat = () => {
      throw diskFull();
    };
    app.store.locks.heartbeat = () => {
      throw diskFull();
    };
    const uncaught = catchUncaught();
    const run = await app.sync.request({ trigger: 'cli' });
    uncaught.stop();
    expect(uncaught.errors).toEqual([]);
    expect(['succeeded', 'failed']).toContain(run.status);
    app.store.runs.heartbeat = runBeat;
    app.store.locks.heartbeat = lockBeat;
    expect((await app.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
    for (const cal of seeded.calendars)
      expect(cacheView(app.store.events.list({ calendarId: cal }))).toEqual(serverView(world.google.liveEvents(cal)));
  });
});

describe('a full disk while the pusher writes', () => {
  let shim: SupabaseShim;
  beforeAll(async () => {
    shim = await startShim({ name: 'pglite', databaseUrl: undefined, available: true });
  });
  afterAll(() => shim?.close());

  it('settling a sent batch fails with the disk-full message; every change stays queued and the next push converges', async () => {
    world = await startWorld({ tuning: { pageSize: 20, pushBatchSize: 10 } });
    seeded = seedAccount(world.google, world.user.email, { perCalendar: 15 });
    const ws = await newWorkspace(shim);
    const app: CalsyncApp = world.app();
    await world.login(app);
    await connectApp(app, ws);
    // The sync's own push is the one that meets the full disk.
    const ack = app.store.outbox.ack.bind(app.store.outbox);
    let acks = 0;
    app.store.outbox.ack = (entries) => {
      if (++acks === 2) throw diskFull(); // the second batch reached Supabase, then the disk filled up
      return ack(entries);
    };
    const run = await app.sync.request({ trigger: 'cli' });
    expect(run.status).toBe('succeeded'); // the sync itself was stored
    const status = (await app.api.status({})).outbox;
    expect(status.lastError ?? '').toMatch(/disk is full/);
    expect(status.pending).toBeGreaterThan(0);
    // Nothing was dropped: what is queued plus what was settled is every cached event.
    expect(status.pending + 10).toBe(app.store.events.count());
    const pushed = await app.api.push({});
    expect(pushed).toMatchObject({ pending: 0, error: null });
    expect(await workspaceView(ws)).toEqual(cacheWorkspaceView(app.store.events.list()));
  });
});

describe('a cache damaged under calsync serve', () => {
  it('answers with a clear storage error and stays up; stops cleanly; the next start rebuilds once and keeps tasks', async () => {
    world = await startWorld({ tuning: { pageSize: 2500 } });
    seeded = seedAccount(world.google, world.user.email, { perCalendar: 200 });
    // ~8 MB of events: more than the 2 MB page cache of the serve process, so it reads them from the file.
    for (let i = 0; i < 4_000; i++) {
      const start = Date.UTC(2026, 4, 1) + i * 3_600_000;
      world.google.insertEvent(seeded.calendars[1]!, {
        summary: `big ${i}`,
        description: 'agenda '.repeat(300),
        start: { dateTime: new Date(start).toISOString() },
        end: { dateTime: new Date(start + 1_800_000).toISOString() },
      });
    }
    const app = world.app();
    await world.login(app);
    await app.api.addTask({ title: 'Keep me', durationMinutes: 60 }); // written before the events, in the first pages
    expect((await app.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
    app.store.db.pragma('wal_checkpoint(TRUNCATE)');
    await app.close();

    const serve = await startServe({ ...world.env, CALSYNC_LOG_LEVEL: 'warn' });
    const post = async (op: string) => {
      const r = await fetch(`${serve.origin}/api/${op}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${serve.token}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
      return { status: r.status, body: (await r.json()) as { ok: boolean; error?: { code: string; message: string } } };
    };
    expect((await post('status')).status).toBe(200);
    // Garbage over the events' pages, which this process has not read yet.
    const file = path.join(world.home, 'calsync.db');
    const size = statSync(file).size;
    const fd = openSync(file, 'r+');
    for (let off = Math.floor((size * 0.3) / 4096) * 4096; off < size; off += 8192)
      writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, off);
    closeSync(fd);

    const events = await post('listEvents');
    expect(events.status).toBe(500);
    expect(events.body.error).toMatchObject({
      code: 'storage-error',
      message: expect.stringMatching(/cache file is damaged; calsync rebuilds it .* next time it starts/),
    });
    const sync = await post('syncNow');
    expect(sync.status).toBeLessThan(600); // an answer, whatever the sync met
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await post('status')).status).toBeLessThan(600); // still up and answering
    expect(serve.stderr()).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(await serve.stop()).toBe(0);

    const first = await world.cli(['status', '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout).problems.join('\n')).toMatch(/cache was damaged .* and rebuilt/);
    const tasks = await world.cli(['tasks', '--json']);
    expect(JSON.parse(tasks.stdout).map((t: { title: string }) => t.title)).toEqual(['Keep me']);
    const synced = await world.cli(['sync', '--json']);
    expect(synced.code, synced.stderr).toBe(0);
    await world.cli(['status']);
    // Rebuilt once, not at every start.
    expect(
      readdirSync(world.home).filter(
        (n) => n.startsWith('calsync.db.damaged-') && !n.endsWith('-wal') && !n.endsWith('-shm'),
      ),
    ).toHaveLength(1);
    const after = world.app();
    for (const cal of seeded.calendars)
      expect(cacheView(after.store.events.list({ calendarId: cal }))).toEqual(serverView(world.google.liveEvents(cal)));
  }, 120_000);
});
