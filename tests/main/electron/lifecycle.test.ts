import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../../src/main/core/app';
import { createLogger } from '../../../src/main/core/log/logger';
import { Store } from '../../../src/main/core/store/store';
import { INVOKE_CHANNEL } from '../../../src/main/electron/ipc-channels';
import { runShell, type ShellOptions } from '../../../src/main/electron/lifecycle';
import { shellPaths } from '../../../src/main/electron/shell-paths';
import { startWorld, type World } from '../../helpers/world';
import { app, BrowserWindow, dialog, ipcMain, protocol, resetFakeElectron, Tray } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

describe('tray app lifecycle', () => {
  let world: World;
  const engines: Array<{ kind: string }> = [];
  const options = (): ShellOptions => ({
    paths: shellPaths('/nowhere/out/main'),
    dataDir: world.home,
    platform: 'linux',
    env: { XDG_CONFIG_HOME: path.join(world.home, 'xdg') },
    createEngine: ({ vault, openUrl }) => {
      engines.push({ kind: vault.kind });
      return createApp({ env: world.env, vault, openUrl, logger: createLogger({ level: 'silent' }) });
    },
  });

  beforeEach(async () => {
    resetFakeElectron();
    engines.length = 0;
    world = await startWorld();
  });
  afterEach(async () => {
    if (!app.quitted) app.quit();
    await vi.waitFor(() => expect(app.quitted).toBe(true));
    await world.close();
  });

  it('a second launch quits at once and leaves the first alone', async () => {
    app.lockGranted = false;
    expect(await runShell(options())).toBeNull();
    expect(app.lockRequested).toBe(true);
    expect(app.quitted).toBe(true);
    expect(engines).toEqual([]);
    expect(Tray.instances).toEqual([]);
  });

  it('the first instance starts tray-only after ready, and a second launch focuses its window', async () => {
    const started = runShell(options());
    expect(app.paths.get('userData')).toBe(path.join(world.home, 'electron'));
    expect(protocol.privileged.map((p) => p.scheme)).toEqual(['app']); // before ready, as Electron requires
    expect(engines).toEqual([]); // nothing before ready
    app.emit('second-instance'); // a launch racing the first start-up: shown once ready
    app.markReady();
    const parts = (await started)!;
    expect(engines).toEqual([{ kind: 'safe-storage' }]);
    expect(Tray.instances).toHaveLength(1);
    expect(ipcMain.handlers.has(INVOKE_CHANNEL)).toBe(true);
    expect(protocol.handlers.has('app')).toBe(true);
    expect(app.listenerCount('window-all-closed')).toBe(1); // without it Electron would quit with the last window
    const win = BrowserWindow.instances[0]!;
    expect(win.visible).toBe(true);

    win.close(); // hides: the app stays in the tray
    expect(win.visible).toBe(false);
    app.emit('second-instance', {}, ['calsync']);
    expect(BrowserWindow.instances).toHaveLength(1);
    expect(win.visible).toBe(true);
    expect(win.focusCount).toBe(2);
    await parts.tray.refresh();
    expect(Tray.instances[0]!.image.path).toMatch(/tray-needs-login\.png$/); // nobody signed in yet
  });

  it('Quit waits for the running sync to finish and release its lock before the app ends', async () => {
    world.google.faults.inject({ match: { path: /\/events$/ }, times: 1, action: { kind: 'delay', ms: 700 } });
    const started = runShell(options());
    app.markReady();
    const { engine } = (await started)!;
    await world.login(engine);
    const invoke = ipcMain.handlers.get(INVOKE_CHANNEL)!;
    const sync = invoke({ senderFrame: { url: 'app://calsync/index.html', parent: null } }, 'syncNow', {}) as Promise<{
      ok: boolean;
    }>;
    await vi.waitFor(() => expect(engine.sync.running).not.toBeNull());

    app.quit();
    expect(app.quitted).toBe(false); // held back while the sync runs
    expect(Tray.instances[0]!.destroyed).toBe(true); // but the UI is gone at once
    await vi.waitFor(() => expect(app.quitted).toBe(true), { timeout: 20_000 });
    expect((await sync).ok).toBe(true);

    const store = Store.open(path.join(world.home, 'calsync.db'));
    try {
      expect(store.runs.list({ limit: 5 }).map((r) => r.status)).toEqual(['succeeded']);
      expect(store.locks.holders(Date.now())).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('shows why it cannot start instead of dying silently', async () => {
    const started = runShell({
      ...options(),
      createEngine: () => {
        throw new Error('The database module built for Electron is missing');
      },
    });
    app.markReady();
    expect(await started).toBeNull();
    expect(dialog.errors).toEqual([['calsync cannot start', 'The database module built for Electron is missing']]);
    expect(app.exitCode).toBe(1);
  });
});
