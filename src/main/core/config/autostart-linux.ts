// Launch at login on Linux: an XDG autostart entry
// ($XDG_CONFIG_HOME/autostart/calsync.desktop), which GNOME, KDE, Xfce and
// most other desktops read. Electron's setLoginItemSettings does nothing there.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const AUTOSTART_FILE = 'calsync.desktop';

export function autostartDir(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'autostart');
}

/** One argument of an Exec= line, quoted and escaped as the Desktop Entry spec asks. */
export function execArg(arg: string): string {
  const fieldSafe = arg.replace(/%/g, '%%');
  if (!/[\s"'\\><~|&;$*?#()`]/.test(fieldSafe)) return fieldSafe;
  // Inside quotes, " ` $ \ take a backslash; then the whole value is a string
  // value, whose own escaping doubles every backslash once more.
  const quoted = `"${fieldSafe.replace(/(["`$\\])/g, '\\$1')}"`;
  return quoted.replace(/\\/g, '\\\\');
}

export function desktopEntry(command: string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=calsync',
    'Comment=Keeps your Google calendars synced and proposes time blocks for your tasks',
    `Exec=${command.map(execArg).join(' ')}`,
    'Icon=calsync',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function setLinuxAutostart(enabled: boolean, dir: string, command: string[]): void {
  const file = path.join(dir, AUTOSTART_FILE);
  if (!enabled) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, desktopEntry(command), { mode: 0o644 });
}

/** Enabled when our entry exists and was not switched off by the desktop's own settings. */
export function isLinuxAutostartEnabled(dir: string): boolean {
  const file = path.join(dir, AUTOSTART_FILE);
  if (!existsSync(file)) return false;
  const text = readFileSync(file, 'utf8');
  return !/^Hidden\s*=\s*true\s*$/im.test(text) && !/^X-GNOME-Autostart-enabled\s*=\s*false\s*$/im.test(text);
}
