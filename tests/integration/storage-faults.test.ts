// The cache's file going bad under a working setup: a damaged file is rebuilt
// from Google without a new sign-in and without losing tasks; a full disk fails
// the run with a clear message and the next sync, with space again, converges.
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CalsyncApp } from '../../src/main/core/app';
import { cacheView, serverView } from '../helpers/compare';
import { seedAccount, type Seeded } from '../helpers/seed';
import { startWorld, type World } from '../helpers/world';
import { leaveCrashMarker } from '../helpers/crash-marker';

let world: World;
let seeded: Seeded;
let app: CalsyncApp;

beforeEach(async () => {
  world = await startWorld({ tuning: { pageSize: 50 } });
  seeded = seedAccount(world.google, world.user.email, { perCalendar: 200 });
  app = world.app();
  await world.login(app);
  await app.api.addTask({ title: 'Keep me', durationMinutes: 60, priority: 1 });
  expect((await app.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
});
afterEach(() => world.close());

const expectCacheEqualsServer = (a: CalsyncApp) => {
  for (const cal of seeded.calendars)
    expect(cacheView(a.store.events.list({ calendarId: cal }))).toEqual(serverView(world.google.liveEvents(cal)));
};

describe('storage faults', () => {
  it('a damaged cache file is moved aside and rebuilt from Google; sign-in and tasks survive', async () => {
    app.store.db.pragma('wal_checkpoint(TRUNCATE)');
    await app.close();
    const file = path.join(world.home, 'calsync.db');
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(16_384, 0x5a), 0, 16_384, statSync(file).size - 40_000);
    closeSync(fd);
    // Damage comes with a crash mid-write: the open after an unclean end checks the file (a clean one is not checked).
    leaveCrashMarker(file);

    const status = await world.cli(['status', '--json']);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout).problems.join('\n')).toMatch(
      /cache was damaged .* and rebuilt; the damaged file is kept as .*calsync\.db\.damaged-/,
    );

    const sync = await world.cli(['sync', '--json']);
    expect(sync.code, sync.stderr).toBe(0);
    expect(JSON.parse(sync.stdout)).toMatchObject({ status: 'succeeded', kind: 'full' });
    const after = world.app();
    expectCacheEqualsServer(after);
    expect((await after.api.listTasks({ status: 'open' })).map((t) => t.title)).toEqual(['Keep me']);
    expect((await after.api.listAccounts({}))[0]).toMatchObject({ email: world.user.email, status: 'active' });
  });

  it('a full disk fails the run with a clear message; with space again the next run converges', async () => {
    for (let i = 0; i < 300; i++) {
      world.google.insertEvent(seeded.calendars[1]!, {
        summary: `new ${i} ${'x'.repeat(300)}`,
        start: { dateTime: '2026-07-01T09:00:00Z' },
        end: { dateTime: '2026-07-01T10:00:00Z' },
      });
    }
    const pages = app.store.db.pragma('page_count', { simple: true }) as number;
    app.store.db.pragma(`max_page_count = ${pages + 2}`);
    const failed = await app.sync.request({ trigger: 'cli' }).catch((e: unknown) => e);
    const message = failed instanceof Error ? failed.message : (failed as { error: string }).error;
    expect(message).toMatch(/disk is full/);
    app.store.db.pragma('max_page_count = 1073741823');
    const ok = await app.sync.request({ trigger: 'cli' });
    expect(ok.status).toBe('succeeded');
    expectCacheEqualsServer(app);
    expect(app.store.runs.list({ status: 'running' })).toEqual([]);
  });
});
