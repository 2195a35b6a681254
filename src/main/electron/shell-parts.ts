// Wires the running engine to the desktop: the window, the IPC bridge, the
// tray, notifications and the background jobs; and takes them down again in
// the reverse order on Quit.
import { app } from 'electron';
import path from 'node:path';
import type { CalsyncApp } from '../core/app';
import { startBackgroundSync } from './background-sync';
import type { ShellOps } from './bridge-dispatch';
import { registerIpcBridge } from './ipc-bridge';
import { launchAtLogin } from './launch-at-login';
import { MainWindow } from './main-window';
import { NotificationPolicy } from './notification-policy';
import { Notifier } from './notifier';
import type { ShellPaths } from './shell-paths';
import { TrayController } from './tray-controller';
import type { TrayActions } from './tray-menu';

export interface ShellParts {
  engine: CalsyncApp;
  window: MainWindow;
  tray: TrayController;
  /** Stops everything; resolves when the engine closed (a running sync finished) or after timeoutMs. */
  stop(timeoutMs: number): Promise<void>;
}

/** The renderer's hash route of the plan (week view with the proposals). */
export const PLAN_ROUTE = 'plan';

export function startShellParts(o: {
  engine: CalsyncApp;
  paths: ShellPaths;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}): ShellParts {
  const { engine, paths, platform } = o;
  const { api, log } = engine;
  const login = launchAtLogin(platform, o.env);
  const fail = (what: string) => (err: unknown) => log.error({ err }, `${what} failed`);

  const window = new MainWindow({
    preload: paths.preload,
    icon: platform === 'linux' ? path.join(paths.resources, 'icon.png') : undefined,
    // A tray app has no Dock icon on macOS, except while its window is open.
    onVisibilityChange: (visible) => {
      if (platform !== 'darwin') return;
      if (visible) void app.dock?.show();
      else app.dock?.hide();
    },
  });

  const actions: TrayActions = {
    syncNow: () => void api.syncNow({}).catch(fail('sync now')),
    signIn: () => void api.startLogin({}).catch(fail('sign-in')),
    reviewProposals: () => window.show(PLAN_ROUTE),
    setPaused: (paused) => void api.setSyncPaused({ paused }).catch(fail('pause')),
    openWindow: () => window.show(),
    setLaunchAtLogin: (enabled) => {
      try {
        login.setEnabled(enabled);
      } catch (err) {
        fail('launch at login')(err);
      }
      void tray.refresh();
    },
    quit: () => app.quit(),
  };

  const shellOps: ShellOps = {
    shellCapabilities: async () => ({
      host: 'electron',
      launchAtLogin: { supported: true, enabled: login.isEnabled() },
      opensLoginPage: true,
    }),
    setLaunchAtLogin: async ({ enabled }) => {
      login.setEnabled(enabled);
      void tray.refresh();
      return { enabled: login.isEnabled() };
    },
  };
  const stopIpc = registerIpcBridge({
    api,
    shell: shellOps,
    bus: engine.bus,
    log,
    targets: () => window.webContents(),
  });

  const tray = new TrayController({
    api,
    bus: engine.bus,
    log,
    resources: paths.resources,
    platform,
    actions,
    launchAtLogin: login,
    now: () => Date.now(),
  });
  void tray.refresh();

  const notifier = new Notifier({
    api,
    bus: engine.bus,
    log,
    policy: new NotificationPolicy(() => engine.settings.get().notifications),
    onAction: (action) =>
      action === 'review' ? window.show(PLAN_ROUTE) : action === 'sign-in' ? actions.signIn() : window.show(),
  });
  void notifier.start().catch(fail('notifications'));

  const stopBackground = startBackgroundSync({
    startJobs: () => engine.startJobs(),
    catchUp: (t) => engine.scheduler.catchUp(t),
    log,
  });
  if (platform === 'darwin') app.dock?.hide();

  return {
    engine,
    window,
    tray,
    stop: async (timeoutMs) => {
      stopBackground();
      notifier.stop();
      tray.destroy();
      window.destroy();
      stopIpc();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
      const outcome = await Promise.race([engine.close().then(() => 'closed' as const), timeout]);
      clearTimeout(timer);
      if (outcome === 'timeout')
        log.warn(
          `quitting while a sync still runs (waited ${timeoutMs} ms); its lease expires and the run is marked interrupted next time`,
        );
    },
  };
}
