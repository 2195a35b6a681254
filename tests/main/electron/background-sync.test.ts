import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../src/main/core/log/logger';
import { startBackgroundSync } from '../../../src/main/electron/background-sync';
import { OnlineWatcher } from '../../../src/main/electron/online-watcher';
import { startWorld, type World } from '../../helpers/world';
import { net, powerMonitor, resetFakeElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

describe('background jobs of the tray app', () => {
  let world: World;
  let stop: (() => void) | null = null;
  beforeEach(() => resetFakeElectron());
  afterEach(async () => {
    stop?.();
    stop = null;
    await world.close();
  });

  it('schedules the sync every 15 minutes (and any registered plan job every 6 hours) in the user zone', async () => {
    world = await startWorld();
    const app = world.app();
    await app.api.updateSettings({ timeZone: 'America/St_Johns' });
    stop = startBackgroundSync({
      startJobs: () => app.startJobs(),
      catchUp: (t) => app.scheduler.catchUp(t),
      log: silentLogger,
    });
    const schedules = app.scheduler.schedules();
    expect(schedules.find((s) => s.name === 'sync')).toEqual({
      name: 'sync',
      cron: '*/15 * * * *',
      timeZone: 'America/St_Johns',
    });
    // The planner registers its own job through scheduler.addJob; when it is there, it runs at 0 */6.
    for (const s of schedules) {
      expect(s.timeZone).toBe('America/St_Johns');
      if (s.name === 'plan') expect(s.cron).toBe('0 */6 * * *');
    }
    // The jobs start once node-cron has loaded (an import(), a few milliseconds).
    const nextSyncAt = await vi.waitFor(async () => {
      const at = (await app.api.status({})).nextSyncAt;
      expect(at).not.toBeNull();
      return at!;
    });
    const next = Date.parse(nextSyncAt);
    expect(next).toBeGreaterThan(Date.now());
    expect(next - Date.now()).toBeLessThanOrEqual(15 * 60_000);
  });

  it('catches up at start-up, on resume and when the network returns, but only when the last good sync is overdue', async () => {
    world = await startWorld();
    const app = world.app();
    await world.login(app);
    const runs = () => app.store.runs.list({ limit: 50 }).map((r) => `${r.trigger}:${r.status}`);
    const makeOverdue = () => app.store.db.prepare('UPDATE sync_runs SET ended_at = ended_at - ?').run(16 * 60_000);

    net.online = true;
    stop = startBackgroundSync({
      startJobs: () => app.startJobs(),
      catchUp: (t) => app.scheduler.catchUp(t),
      log: silentLogger,
      onlinePollMs: 10,
    });
    await vi.waitFor(() => expect(runs()).toEqual(['startup:succeeded']), { timeout: 20_000 });

    powerMonitor.emit('resume'); // just synced: nothing to catch up
    net.online = false;
    await new Promise((r) => setTimeout(r, 60));
    net.online = true; // back online, still not overdue
    await new Promise((r) => setTimeout(r, 60));
    await app.sync.idle();
    expect(runs()).toEqual(['startup:succeeded']);

    makeOverdue();
    powerMonitor.emit('resume');
    await vi.waitFor(() => expect(runs()).toEqual(['resume:succeeded', 'startup:succeeded']), { timeout: 20_000 });

    makeOverdue();
    net.online = false;
    await new Promise((r) => setTimeout(r, 60));
    net.online = true;
    await vi.waitFor(() => expect(runs()[0]).toBe('network:succeeded'), { timeout: 20_000 });
    await app.sync.idle();
    expect(runs()).toHaveLength(3);

    stop();
    stop = null;
    expect(powerMonitor.listenerCount('resume')).toBe(0);
  });
});

describe('OnlineWatcher', () => {
  it('reports only the offline → online edge', () => {
    const states = [true, false, false, true, true, false, true];
    let i = 0;
    const back = vi.fn();
    const w = new OnlineWatcher(() => states[i++]!, back, 60_000);
    w.start(); // reads the first state
    for (let k = 1; k < states.length; k++) w.check();
    w.stop();
    expect(back).toHaveBeenCalledTimes(2);
  });
});
