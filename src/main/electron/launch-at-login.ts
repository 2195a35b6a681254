// "Launch at login" for the tray menu and the window's settings: an XDG
// autostart file on Linux, the OS login items (setLoginItemSettings) on macOS
// and Windows.
import { app } from 'electron';
import { autostartDir, isLinuxAutostartEnabled, setLinuxAutostart } from '../core/config/autostart-linux';

export interface LaunchAtLogin {
  isEnabled(): boolean;
  setEnabled(enabled: boolean): void;
}

/** The command that starts this app again: the AppImage (its mount path changes each run), `electron <app>` from a checkout, or the binary. */
export function relaunchCommand(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.APPIMAGE) return [env.APPIMAGE];
  if (process.defaultApp) return [process.execPath, app.getAppPath()];
  return [process.execPath];
}

export function launchAtLogin(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): LaunchAtLogin {
  if (platform === 'linux') {
    const dir = autostartDir(env);
    return {
      isEnabled: () => isLinuxAutostartEnabled(dir),
      setEnabled: (enabled) => setLinuxAutostart(enabled, dir, relaunchCommand(env)),
    };
  }
  // From a checkout the login item must start `electron <app>`, not a bare Electron.
  const args = process.defaultApp ? [app.getAppPath()] : [];
  return {
    isEnabled: () => app.getLoginItemSettings({ args }).openAtLogin,
    setEnabled: (enabled) => app.setLoginItemSettings({ openAtLogin: enabled, args }),
  };
}
