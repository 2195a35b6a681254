// The engine the UI benches serve: a fresh data dir, tokens in a file, a silent
// log. Each bench seeds it (seed.ts) and starts its loopback servers.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../src/main/core/app';
import { createLogger } from '../../src/main/core/log/logger';

export function benchApp(prefix: string): { app: ReturnType<typeof createApp>; home: string } {
  const home = mkdtempSync(path.join(os.tmpdir(), prefix));
  const app = createApp({
    env: {
      CALSYNC_HOME: home,
      CALSYNC_TOKEN_STORE: 'file',
      CALSYNC_GOOGLE_CLIENT_ID: 'id',
      CALSYNC_GOOGLE_CLIENT_SECRET: 'secret',
    },
    logger: createLogger({ level: 'silent' }),
  });
  return { app, home };
}
