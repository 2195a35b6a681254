// Entry of the Electron main process (bundled to out/main/electron.cjs).
import { app, dialog } from 'electron';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../core/app';
import { resolveConfig } from '../core/config/app-config';
import { startDemo } from '../core/demo/demo-session';
import { createLogger } from '../core/log/logger';
import { runShell } from './lifecycle';
import { shellPaths } from './shell-paths';

const paths = shellPaths(__dirname);

function nativeBinding(): string {
  if (existsSync(paths.nativeBinding)) return paths.nativeBinding;
  throw new Error(
    `The database module built for Electron is missing (${paths.nativeBinding}). From a checkout, start calsync with \`npm start\`, which builds it; an installed calsync needs reinstalling.`,
  );
}

function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

function fatal(message: string): void {
  void app.whenReady().then(() => {
    dialog.showErrorBox('calsync cannot start', message);
    app.exit(1);
  });
}

// `npm start -- --demo`: the demo account (core/demo) in a temporary data dir of its own — its own
// single instance and Chromium profile too — with tokens in memory; the user's data is never opened.
const demo = process.argv.includes('--demo');

let dataDir: string | null = null;
try {
  dataDir = demo ? mkdtempSync(path.join(os.tmpdir(), 'calsync-demo-')) : resolveConfig(process.env).paths.dir;
} catch (e) {
  fatal((e as Error).message);
}

if (dataDir !== null) {
  const dir = dataDir;
  runShell({
    paths,
    dataDir: dir,
    createEngine: async ({ vault, openUrl }) => {
      if (!demo) return createApp({ vault, openUrl, nativeBinding: nativeBinding() });
      const session = await startDemo({
        dir: path.join(dir, 'data'),
        nativeBinding: nativeBinding(),
        logger: (d) => createLogger({ file: path.join(d, 'logs', 'calsync.log') }),
      });
      // Quit closes the session (engine, sample provider); the temporary dir goes with it.
      return { ...session.app, close: () => session.close().finally(() => removeDir(dir)) };
    },
  }).catch((e: unknown) => fatal((e as Error).message));
}

// Ctrl+C on `npm start`, or a service manager: quit the same clean way as the menu.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
