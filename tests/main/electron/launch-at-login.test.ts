import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { autostartDir, desktopEntry, execArg } from '../../../src/main/core/config/autostart-linux';
import { launchAtLogin } from '../../../src/main/electron/launch-at-login';
import { useTempDir } from '../../helpers/temp-dir';
import { app, resetFakeElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

describe('launch at login', () => {
  const tempDir = useTempDir('calsync-xdg-');
  beforeEach(() => resetFakeElectron());

  it('on Linux writes and removes an XDG autostart entry that starts this AppImage', () => {
    const xdg = tempDir();
    const env = { XDG_CONFIG_HOME: xdg, APPIMAGE: '/home/ada/Apps/calsync 0.1.0.AppImage' };
    const login = launchAtLogin('linux', env);
    const file = path.join(xdg, 'autostart', 'calsync.desktop');
    expect(login.isEnabled()).toBe(false);

    login.setEnabled(true);
    expect(login.isEnabled()).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^\[Desktop Entry\]\n/);
    expect(text).toContain('\nType=Application\n');
    expect(text).toContain('\nExec="/home/ada/Apps/calsync 0.1.0.AppImage"\n');
    expect(text).toContain('\nX-GNOME-Autostart-enabled=true\n');

    // The desktop's own "don't start" switch wins.
    writeFileSync(file, `${text}Hidden=true\n`);
    expect(login.isEnabled()).toBe(false);

    login.setEnabled(false);
    expect(existsSync(file)).toBe(false);
    expect(login.isEnabled()).toBe(false);
    expect(() => login.setEnabled(false)).not.toThrow();
    expect(app.loginItem.openAtLogin).toBe(false); // Linux never touches login items
  });

  it('escapes Exec arguments as the Desktop Entry spec asks', () => {
    expect(execArg('/opt/calsync/calsync')).toBe('/opt/calsync/calsync');
    expect(execArg('/a b/$HOME/"x"')).toBe('"/a b/\\\\$HOME/\\\\"x\\\\""');
    expect(execArg('100%')).toBe('100%%');
    expect(desktopEntry(['/usr/bin/electron', '/src/calsync'])).toContain('\nExec=/usr/bin/electron /src/calsync\n');
    expect(autostartDir({}, '/home/ada')).toBe('/home/ada/.config/autostart');
  });

  it('on macOS and Windows uses the OS login items', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const login = launchAtLogin(platform, {});
      login.setEnabled(true);
      expect(app.loginItem.openAtLogin).toBe(true);
      expect(login.isEnabled()).toBe(true);
      login.setEnabled(false);
      expect(login.isEnabled()).toBe(false);
    }
  });
});
