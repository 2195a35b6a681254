// Child process: the real engine (createApp) syncing the big account into a
// data dir the parent chose, so `calsync serve` can use that cache afterwards.
import { createApp, type CalsyncApp } from '../../src/main/core/app';
import { createLogger } from '../../src/main/core/log/logger';
import { peakRssMb, serve } from '../sync/child';

let app: CalsyncApp;

serve({
  async login(m) {
    app = createApp({
      env: { ...process.env, ...(m.env as Record<string, string>) },
      logger: createLogger({ level: 'warn' }),
    });
    await app.accounts.login({ onAuthUrl: (url) => void fetch(url) });
    return { type: 'loggedIn' };
  },
  /** One sync, timed: wall ms, this process's CPU ms, and the run's changes. */
  async sync() {
    global.gc?.();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const run = await app.sync.request({ trigger: 'cli' });
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    if (run.status !== 'succeeded') throw new Error(`load bench sync ${run.status}: ${run.error}`);
    const changes = run.calendars.reduce((a, c) => a + c.inserted + c.updated + c.deleted, 0);
    return {
      type: 'synced',
      kind: run.kind,
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      changes,
      events: app.store.events.count(),
      rssMb: process.memoryUsage().rss / 2 ** 20,
      peakRssMb: peakRssMb(),
    };
  },
  async close() {
    await app.close();
    setImmediate(() => process.exit(0));
    return { type: 'closed' };
  },
});
