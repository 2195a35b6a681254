// Entry of the Electron main process (bundled to out/main/electron.cjs).
import { app, dialog } from 'electron';
import { existsSync } from 'node:fs';
import { createApp } from '../core/app';
import { resolveConfig } from '../core/config/app-config';
import { runShell } from './lifecycle';
import { shellPaths } from './shell-paths';

const paths = shellPaths(__dirname);

function nativeBinding(): string {
  if (existsSync(paths.nativeBinding)) return paths.nativeBinding;
  throw new Error(
    `The database module built for Electron is missing (${paths.nativeBinding}). From a checkout, start calsync with \`npm start\`, which builds it; an installed calsync needs reinstalling.`,
  );
}

function fatal(message: string): void {
  void app.whenReady().then(() => {
    dialog.showErrorBox('calsync cannot start', message);
    app.exit(1);
  });
}

let dataDir: string | null = null;
try {
  dataDir = resolveConfig(process.env).paths.dir;
} catch (e) {
  fatal((e as Error).message);
}

if (dataDir !== null) {
  runShell({
    paths,
    dataDir,
    createEngine: ({ vault, openUrl }) => createApp({ vault, openUrl, nativeBinding: nativeBinding() }),
  }).catch((e: unknown) => fatal((e as Error).message));
}

// Ctrl+C on `npm start`, or a service manager: quit the same clean way as the menu.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
