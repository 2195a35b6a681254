// Where calsync keeps its data. CALSYNC_HOME wins; otherwise the same folder
// Electron's app.getPath('userData') would pick, so the tray app, the CLI and
// `calsync serve` share one cache.
import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'calsync';

export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_DIR_NAME);
}

export interface DataPaths {
  dir: string;
  database: string;
  config: string;
  tokens: string;
  logs: string;
  /** Where the running tray app or `calsync serve` says how a command reaches it (core/control). */
  control: string;
}

export function dataPaths(dir: string): DataPaths {
  return {
    dir,
    database: path.join(dir, 'calsync.db'),
    config: path.join(dir, 'config.json'),
    tokens: path.join(dir, 'tokens.json'),
    logs: path.join(dir, 'logs'),
    control: path.join(dir, 'control.json'),
  };
}
