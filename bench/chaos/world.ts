// The chaos run's world, all on loopback: the fake Google and the Supabase shim
// (PGlite) in this process, one data dir shared by every engine process, a
// private CLI bundle (so another engineer's rebuild of out/cli cannot swap the
// file under a running trial), and an in-process "observer" engine for setup
// steps, the quiet pass and the checks.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type CalsyncApp } from '../../src/main/core/app';
import { createLogger } from '../../src/main/core/log/logger';
import { startFakeGoogle, type FakeGoogle } from '../../tests/fakes/google';
import { startSupabaseShim, type SupabaseShim } from '../../tests/fakes/supabase';
import { seedAccount } from '../../tests/helpers/seed';
import { connectApp, newWorkspace, type Workspace } from '../../tests/helpers/workspace';
import { buildCliBundle } from '../cli-bundle';
import { FaultTally } from './fault-tally';

/** Short timings so a crashed holder's lease, a hang and a retry each cost about a second, not minutes. */
export const CHAOS_TUNING = {
  lockTtlMs: 1_000,
  heartbeatMs: 150,
  retryBaseMs: 5,
  retryMaxMs: 60,
  retryMaxAttempts: 6,
  fullBudgetMs: 20_000,
  incrementalBudgetMs: 10_000,
  requestTimeoutMs: 800,
  loginTimeoutMs: 10_000,
  pageSize: 5,
  pushBatchSize: 8,
  pushLeaseTtlMs: 1_000,
  pushRetryBaseMs: 300,
  mirrorWritesPerSecond: 20,
};

export interface ChaosWorld {
  google: FakeGoogle;
  shim: SupabaseShim;
  ws: Workspace;
  home: string;
  env: NodeJS.ProcessEnv;
  cliPath: string;
  calendars: string[];
  /** The calendar accepted blocks go to (the account's primary). */
  target: string;
  observer: CalsyncApp;
  tally: FaultTally;
  close(): Promise<void>;
}

/** Working hours on every day, so a task always finds a slot in the horizon. */
const EVERY_DAY = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['07:00', '21:00']]]),
);

export async function startChaosWorld(seed: number): Promise<ChaosWorld> {
  const bundle = await buildCliBundle('chaos');
  const cliPath = bundle.cli;
  const google = await startFakeGoogle({ seed });
  const tally = new FaultTally(google);
  const user = google.addUser({ email: 'chaos@example.test' });
  google.setConsentUser(user.email);
  const seeded = seedAccount(google, user.email, { perCalendar: 20 });
  const shim = await startSupabaseShim();
  const ws = await newWorkspace(shim);
  const home = mkdtempSync(path.join(os.tmpdir(), 'calsync-chaos-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...google.env,
    CALSYNC_HOME: home,
    CALSYNC_TOKEN_STORE: 'file',
    CALSYNC_TUNING: JSON.stringify(CHAOS_TUNING),
    CALSYNC_LOG_LEVEL: 'warn',
  };
  const observer = createApp({ env, logger: createLogger({ level: 'silent' }) });
  await observer.accounts.login({ write: true, onAuthUrl: (url) => void fetch(url).catch(() => undefined) });
  await observer.api.updateSettings({
    timeZone: 'Europe/Berlin',
    workingHours: EVERY_DAY,
    bufferMinutes: 0,
    horizonDays: 14,
    leadTimeMinutes: 0,
  });
  await connectApp(observer, ws);
  const first = await observer.sync.request({ trigger: 'cli' });
  if (first.status !== 'succeeded') throw new Error(`chaos: the first sync ${first.status}: ${first.error}`);
  const pushed = await observer.api.push({});
  if (pushed.error) throw new Error(`chaos: the first push failed: ${pushed.error}`);

  return {
    google,
    shim,
    ws,
    home,
    env,
    cliPath,
    calendars: seeded.calendars,
    target: user.email,
    observer,
    tally,
    close: async () => {
      await observer.close().catch(() => undefined);
      await shim.close().catch(() => undefined);
      await google.close();
      rmSync(home, { recursive: true, force: true });
      bundle.remove();
    },
  };
}
