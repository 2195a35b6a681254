// Several devices against one world: each app gets its own data dir (cache,
// config, tokens) and shares the world's fake Google and settings otherwise.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type CalsyncApp } from '../../src/main/core/app';
import { createLogger } from '../../src/main/core/log/logger';

export interface Devices {
  /** A new device: an app on a fresh data dir with the world's environment. */
  open(env: NodeJS.ProcessEnv): CalsyncApp;
  /** Removes every data dir opened (close the apps first). */
  cleanup(): void;
}

export function devices(): Devices {
  const homes: string[] = [];
  return {
    open(env) {
      const home = mkdtempSync(path.join(os.tmpdir(), 'calsync-device-'));
      homes.push(home);
      return createApp({ env: { ...env, CALSYNC_HOME: home }, logger: createLogger({ level: 'silent' }) });
    },
    cleanup() {
      for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
    },
  };
}
