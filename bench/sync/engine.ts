// Child process: the real engine (createApp + SyncRunner) against the fake.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type CalsyncApp } from '../../src/main/core/app';
import { createLogger } from '../../src/main/core/log/logger';
import { peakRssMb, serve } from './child';

let app: CalsyncApp;
let dir: string;

async function timed(full: boolean) {
  global.gc?.();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const run = await app.sync.request({ trigger: 'cli', full });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (run.status !== 'succeeded') throw new Error(`bench sync ${run.status}: ${run.error}`);
  const changes = run.calendars.reduce((a, c) => a + c.inserted + c.updated + c.deleted, 0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, changes, peakRssMb: peakRssMb(), events: app.store.events.count() };
}

serve({
  async login(m) {
    dir = mkdtempSync(path.join(os.tmpdir(), 'calsync-bench-'));
    const env = { ...process.env, ...(m.env as Record<string, string>), CALSYNC_HOME: dir, CALSYNC_TOKEN_STORE: 'file' };
    app = createApp({ env, logger: createLogger({ level: 'warn' }) });
    await app.accounts.login({ onAuthUrl: (url) => void fetch(url) });
    return { type: 'loggedIn' };
  },
  async full() {
    return { type: 'fullDone', ...(await timed(false)) };
  },
  async incremental() {
    return { type: 'incrementalDone', ...(await timed(false)) };
  },
  async stop() {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
    setImmediate(() => process.exit(0));
    return { type: 'stopped' };
  },
});
