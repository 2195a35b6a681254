import { afterEach, describe, expect, it } from 'vitest';
import { cronForInterval, isSyncDue, PLAN_CRON } from '../../../../src/main/core/jobs/schedule';
import { startWorld, type World } from '../../../helpers/world';

describe('schedule strings', () => {
  it('turns intervals into clock-aligned cron expressions', () => {
    expect(cronForInterval(15)).toBe('*/15 * * * *');
    expect(cronForInterval(5)).toBe('*/5 * * * *');
    expect(cronForInterval(60)).toBe('0 * * * *');
    expect(cronForInterval(180)).toBe('0 */3 * * *');
    expect(cronForInterval(25)).toBe('* * * * *'); // ticks every minute; isSyncDue spaces it
    expect(PLAN_CRON).toBe('0 */6 * * *');
  });

  it('a catch-up is due only when the last good sync is older than the interval', () => {
    const now = Date.parse('2026-11-28T12:00:00Z');
    expect(isSyncDue(null, now, 15)).toBe(true);
    expect(isSyncDue(now - 14 * 60_000, now, 15)).toBe(false);
    expect(isSyncDue(now - 15 * 60_000, now, 15)).toBe(true);
  });
});

describe('Scheduler', () => {
  let world: World;
  afterEach(() => world.close());

  it('runs the sync job in the user zone, catches up only when overdue, and stays quiet while paused', async () => {
    world = await startWorld();
    const app = world.app();
    await app.api.updateSettings({ timeZone: 'Asia/Kathmandu', syncIntervalMinutes: 30 });
    expect(app.scheduler.schedules()[0]).toEqual({ name: 'sync', cron: '*/30 * * * *', timeZone: 'Asia/Kathmandu' });
    expect(await app.scheduler.catchUp('startup')).toBe(false); // no account yet

    await world.login(app);
    await app.startJobs();
    const next = Date.parse((await app.api.status({})).nextSyncAt!);
    expect(next).toBeGreaterThan(Date.now());
    expect([15, 45]).toContain(new Date(next).getUTCMinutes()); // :00/:30 in Kathmandu (+05:45) is :15/:45 UTC

    expect(await app.scheduler.catchUp('resume')).toBe(true);
    expect(app.store.runs.list()[0]).toMatchObject({ trigger: 'resume', status: 'succeeded' });
    expect(await app.scheduler.catchUp('network')).toBe(false); // just synced

    await app.api.setSyncPaused({ paused: true });
    expect((await app.api.status({})).paused).toBe(true);
    expect((await app.api.status({})).nextSyncAt).toBeNull();
  });
});

describe('start and stop', () => {
  let world: World;
  afterEach(() => world.close());

  it('schedules nothing when stopped while node-cron was still loading, and schedules once started again', async () => {
    world = await startWorld();
    const app = world.app();
    await world.login(app);
    const starting = app.scheduler.start();
    app.scheduler.stop(); // e.g. the window closed during start-up
    await starting;
    expect(app.scheduler.nextSyncAt()).toBeNull();
    await app.scheduler.start();
    expect(Date.parse(app.scheduler.nextSyncAt()!)).toBeGreaterThan(Date.now());
    app.scheduler.stop();
    expect(app.scheduler.nextSyncAt()).toBeNull();
  });
});

describe('pause', () => {
  let world: World;
  afterEach(() => world.close());

  it('survives a restart of the app', async () => {
    world = await startWorld();
    const first = world.app();
    await first.api.setSyncPaused({ paused: true });
    await first.close();
    const second = world.app();
    expect((await second.api.status({})).paused).toBe(true);
    await world.login(second);
    expect(await second.scheduler.catchUp('startup')).toBe(false);
    await second.api.setSyncPaused({ paused: false });
    expect(await second.scheduler.catchUp('startup')).toBe(true);
  });
});
