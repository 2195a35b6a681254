// `calsync demo` and `npm start -- --demo`: the whole engine against the sample
// provider, in a data dir of its own (a new temporary one by default) with
// tokens held in memory, so the user's real cache, settings, tokens, keychain
// and logs are never read or written. Closing the session removes it all.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type CalsyncApp } from '../app';
import type { Logger } from '../log/logger';
import { MemoryTokenVault } from '../secrets/token-vault';
import { sampleData, type SampleData } from './sample-data';
import { startSampleProvider, type SampleProvider } from './sample-provider';
import { DEFAULT_DEMO_SEED, sampleClock } from './sample-time';

export interface DemoOptions {
  seed?: number;
  /** The instant the demo's clock starts from (ms); null or absent: the real time. */
  now?: number | null;
  /** The data dir to use; absent: a new temporary dir, removed on close. */
  dir?: string;
  /** Builds the logger once the data dir is known (its file belongs in the demo's dir). */
  logger?: (dir: string) => Logger;
  nativeBinding?: string;
  env?: NodeJS.ProcessEnv;
}

export interface DemoSession {
  app: CalsyncApp;
  dir: string;
  data: SampleData;
  provider: SampleProvider;
  /** Closes the engine and the provider, then removes the data dir it made. */
  close(): Promise<void>;
}

export { DEFAULT_DEMO_SEED };

/** The environment without any CALSYNC_* setting that could point at the real data, Google or Supabase. */
function demoEnv(base: NodeJS.ProcessEnv, dir: string, provider: SampleProvider): NodeJS.ProcessEnv {
  const keep = new Set(['CALSYNC_LOG_LEVEL', 'CALSYNC_LOG_FORMAT', 'CALSYNC_TUNING']);
  const env = Object.fromEntries(Object.entries(base).filter(([k]) => !k.startsWith('CALSYNC_') || keep.has(k)));
  return { ...env, ...provider.env, CALSYNC_HOME: dir };
}

export async function startDemo(o: DemoOptions = {}): Promise<DemoSession> {
  const seed = o.seed ?? DEFAULT_DEMO_SEED;
  const clock = sampleClock(o.now ?? null);
  const data = sampleData({ seed, now: clock.now() });
  const made = o.dir === undefined;
  const dir = o.dir ?? mkdtempSync(path.join(os.tmpdir(), 'calsync-demo-'));
  let provider: SampleProvider | null = null;
  let app: CalsyncApp | null = null;
  const close = async (): Promise<void> => {
    try {
      await app?.close();
      await provider?.close();
    } finally {
      if (made) rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    provider = await startSampleProvider({ seed, clock, data });
    const logger = o.logger?.(dir);
    app = createApp({
      env: demoEnv(o.env ?? process.env, dir, provider),
      vault: new MemoryTokenVault(),
      clock,
      logger,
      nativeBinding: o.nativeBinding,
      demo: true,
    });
    const log = app.log;
    await app.api.updateSettings({ timeZone: data.timeZone });
    // Sign in through the provider's consent page, which approves at once; write access up front, so accepting a block asks nothing.
    await app.accounts.login({
      write: true,
      onAuthUrl: (url) =>
        void fetch(url).catch((e: unknown) => log.warn({ err: e }, 'the demo sign-in page did not answer')),
    });
    for (const task of data.tasks) await app.api.addTask(task);
    for (const habit of data.habits) await app.api.addHabit(habit);
    await app.api.syncNow({});
    await app.api.plan({});
    return { app, dir, data, provider, close };
  } catch (e) {
    await close();
    throw e;
  }
}
