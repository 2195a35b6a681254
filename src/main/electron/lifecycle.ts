// The tray app's life: one instance (a second launch focuses the first), the
// engine created after `ready`, tray-only by default (windows hide, the app
// stays), and a Quit that waits for a running sync to finish — its lease and
// run row are released by the engine — before the process ends.
import { app, dialog, shell as electronShell } from 'electron';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CalsyncApp } from '../core/app';
import type { TokenVault } from '../core/secrets/token-vault';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { startShellParts, type ShellParts } from './shell-parts';
import type { ShellPaths } from './shell-paths';
import { SAFE_STORAGE_FILE, SafeStorageVault } from './safe-storage-vault';

export interface EngineFactoryOptions {
  vault: TokenVault;
  openUrl: (url: string) => Promise<void>;
}

export interface ShellOptions {
  /** May be async: the demo account starts its sample provider and first sync before the engine is handed over. */
  createEngine: (o: EngineFactoryOptions) => CalsyncApp | Promise<CalsyncApp>;
  paths: ShellPaths;
  dataDir: string;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  /** How long Quit waits for a running sync; after it the lease simply expires and the run is marked interrupted later. */
  shutdownTimeoutMs?: number;
}

/** Resolves with the running shell, or null when another instance already runs (this one quits). */
export function runShell(o: ShellOptions): Promise<ShellParts | null> {
  // Chromium's profile apart from calsync's own files, and per data dir, so
  // two CALSYNC_HOMEs are two instances. Must happen before the lock and `ready`.
  app.setPath('userData', path.join(o.dataDir, 'electron'));
  registerAppScheme();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return Promise.resolve(null);
  }
  let parts: ShellParts | null = null;
  let showWhenReady = false;
  const showWindow = (): void => {
    if (parts) parts.window.show();
    else showWhenReady = true;
  };
  app.on('second-instance', showWindow);
  // macOS: reopened from Finder or the Dock while running. Not queued before
  // ready, so a plain first launch stays tray-only.
  app.on('activate', () => parts?.window.show());
  app.on('window-all-closed', () => {
    // Stay in the tray. (Without a listener Electron would quit here.)
  });

  let quit: 'running' | 'stopping' | 'done' = 'running';
  app.on('before-quit', (event) => {
    if (!parts || quit === 'done') return;
    event.preventDefault();
    if (quit === 'stopping') return;
    quit = 'stopping';
    const stopping = parts.stop(o.shutdownTimeoutMs ?? 60_000);
    void stopping.finally(() => {
      quit = 'done';
      app.quit();
    });
  });

  return app.whenReady().then(async () => {
    serveRenderer(existsSync(path.join(o.paths.renderer, 'index.html')) ? o.paths.renderer : null);
    try {
      // safeStorage has its key only after `ready`.
      const vault = new SafeStorageVault(path.join(o.dataDir, SAFE_STORAGE_FILE), o.platform);
      const engine = await o.createEngine({ vault, openUrl: (url) => electronShell.openExternal(url) });
      engine.log.info({ backend: vault.backend, protected: vault.protected }, 'safeStorage vault ready');
      parts = startShellParts({
        engine,
        paths: o.paths,
        platform: o.platform ?? process.platform,
        env: o.env ?? process.env,
      });
    } catch (e) {
      dialog.showErrorBox('calsync cannot start', (e as Error).message);
      app.exit(1);
      return null;
    }
    if (showWhenReady) parts.window.show();
    return parts;
  });
}
