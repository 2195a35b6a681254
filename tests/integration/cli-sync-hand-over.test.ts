// `calsync sync` while the tray app or `calsync serve` runs on the same data
// dir: the app does the sync (one run, in its log, its window told), the
// command prints that run; with --local, or with no app (closed, crashed,
// its file stale), the command syncs on its own as before.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalsyncApp } from '../../src/main/core/app';
import type { EngineEvent } from '../../src/shared/api';
import type { SyncRun } from '../../src/shared/domain';
import { cliOnTerminal } from '../helpers/terminal';
import { startWorld, type World } from '../helpers/world';

let world: World;
let app: CalsyncApp;
const events: EngineEvent[] = [];
const control = () => path.join(world.home, 'control.json');

beforeAll(async () => {
  world = await startWorld();
  app = world.app();
  await world.login(app);
  await app.api.syncNow({});
  await app.startJobs();
  app.bus.subscribe((e) => events.push(e));
}, 60_000);
afterAll(() => world.close());

const addEvent = (summary: string) =>
  world.google.insertEvent(world.user.email, {
    summary,
    start: { dateTime: '2026-12-08T09:00:00Z' },
    end: { dateTime: '2026-12-08T10:00:00Z' },
  });
const inserted = (run: SyncRun) => run.calendars.reduce((n, c) => n + c.inserted, 0);
const ranInApp = (run: SyncRun) => events.some((e) => e.type === 'run-started' && e.runId === run.id);

describe('calsync sync with the app running', () => {
  it('hands the sync to the app: the run is the app’s, in its log as the command’s, and the app’s cache has the event', async () => {
    addEvent('Handed over');
    const r = await world.cli(['sync', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const run = JSON.parse(r.stdout) as SyncRun;
    expect([run.status, run.trigger, inserted(run)]).toEqual(['succeeded', 'cli', 1]);
    expect(ranInApp(run)).toBe(true);
    const listed = await app.api.listEvents({ from: '2026-12-08T00:00:00Z', to: '2026-12-09T00:00:00Z' });
    expect(listed.map((e) => e.title)).toContain('Handed over');
    const runs = await app.api.listRuns({ limit: 1 });
    expect(runs[0]).toMatchObject({ id: run.id, trigger: 'cli', status: 'succeeded' });
  });

  it('status names the running app as what schedules the next sync', async () => {
    const r = await world.cli(['status'], { env: { CALSYNC_LOG_FORMAT: '' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`next sync: scheduled by the calsync app running as pid ${process.pid}`);
  });

  it('--local syncs in the command’s own process', async () => {
    addEvent('Synced by the command');
    const r = await world.cli(['sync', '--json', '--local']);
    expect(r.code, r.stderr).toBe(0);
    const run = JSON.parse(r.stdout) as SyncRun;
    expect([run.status, inserted(run)]).toEqual(['succeeded', 1]);
    expect(ranInApp(run)).toBe(false);
  });

  it('on a terminal, shows the app’s progress and the run as its own', async () => {
    const r = await cliOnTerminal(['sync', '--full'], {
      ...world.env,
      CALSYNC_LOG_LEVEL: 'warn',
      CALSYNC_LOG_FORMAT: '',
    });
    expect(r.code, r.output).toBe(0);
    expect(r.raw).toMatch(/syncing calendar 1 of 1 \(ada@example\.test\): page 1, \d+ events/);
    expect(r.output).toMatch(/succeeded full/);
    const run = (await app.api.listRuns({ limit: 1 }))[0]!;
    expect([run.kind, ranInApp(run)]).toEqual(['full', true]);
  });
});

describe('calsync sync without the app', () => {
  it('syncs on its own once the app has closed, and after a crash left a stale file behind', async () => {
    const file = readFileSync(control(), 'utf8');
    await app.close();
    expect(existsSync(control())).toBe(false);
    // An app closed while its jobs were still starting leaves no file naming it behind either.
    const other = world.app();
    const starting = other.startJobs();
    await other.close();
    await starting;
    expect(existsSync(control())).toBe(false);
    addEvent('After the app');
    let r = await world.cli(['sync', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(inserted(JSON.parse(r.stdout) as SyncRun)).toBe(1);
    expect((await world.cli(['status'])).stdout).toContain('next sync: not scheduled in this process');

    // The file a SIGKILLed app leaves: its port closed, its pid gone or (here) reused by a live process.
    writeFileSync(control(), file.replace(/"pid":\d+/, `"pid":${process.pid}`), { mode: 0o600 });
    addEvent('After the crash');
    r = await world.cli(['sync', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(inserted(JSON.parse(r.stdout) as SyncRun)).toBe(1);
  });
});
