// Where the shell's files are, relative to the main bundle (out/main/). The
// layout is the same in a checkout and inside the packaged app.asar, so one
// function serves `npm start` and installed builds alike.
import path from 'node:path';
import type { TrayKind } from './tray-state';

export interface ShellPaths {
  resources: string;
  renderer: string;
  preload: string;
  /** better-sqlite3 built for Electron's ABI, kept apart from node_modules (see scripts/electron-native.mjs). */
  nativeBinding: string;
}

export function shellPaths(mainDir: string): ShellPaths {
  const appRoot = path.resolve(mainDir, '..', '..');
  return {
    resources: path.join(appRoot, 'resources'),
    renderer: path.join(appRoot, 'out', 'renderer'),
    preload: path.join(appRoot, 'out', 'preload', 'preload.cjs'),
    nativeBinding: unpackedPath(path.join(appRoot, 'out', 'native', 'electron', 'better_sqlite3.node')),
  };
}

/** A native module cannot be loaded from inside app.asar; electron-builder's asarUnpack puts it beside it. */
export function unpackedPath(file: string): string {
  const inside = `${path.sep}app.asar${path.sep}`;
  return file.includes(inside) ? file.replace(inside, `${path.sep}app.asar.unpacked${path.sep}`) : file;
}

/**
 * The tray image for a state. Electron loads the @2x sibling on HiDPI screens by
 * itself; on macOS the "Template" images are black + alpha and the menu bar tints them.
 */
export function trayIconFile(resources: string, kind: TrayKind, platform: NodeJS.Platform): string {
  return path.join(resources, 'tray', `tray-${kind}${platform === 'darwin' ? 'Template' : ''}.png`);
}
