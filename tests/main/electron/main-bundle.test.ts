// The built main process (out/main/electron.cjs, as esbuild makes it for
// Electron) loaded under Node with the fake electron module: it starts the
// engine with the better-sqlite3 addon given through nativeBinding (here the
// Node build stands in for the Electron one), answers IPC, serves the window
// and quits cleanly. Catches bundling mistakes the source-level tests cannot.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { repoRoot } from '../../helpers/fixtures';
import * as fake from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

type ModuleInternals = { _load: (request: string, parent: unknown, isMain: boolean) => unknown };

describe('the bundled main process', () => {
  const require = createRequire(import.meta.url);
  const Module = require('node:module') as ModuleInternals;
  const originalLoad = Module._load;
  const savedEnv = { ...process.env };
  let root: string;

  beforeAll(async () => {
    fake.resetFakeElectron();
    root = mkdtempSync(path.join(os.tmpdir(), 'calsync-bundle-'));
    const { buildElectron } = (await import(pathToFileURL(path.join(repoRoot, 'scripts/build-electron.mjs')).href)) as {
      buildElectron: (root: string, out: string) => Promise<void>;
    };
    await buildElectron(repoRoot, root);
    mkdirSync(path.join(root, 'out/native/electron'), { recursive: true });
    copyFileSync(
      path.join(repoRoot, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'),
      path.join(root, 'out/native/electron/better_sqlite3.node'),
    );
    mkdirSync(path.join(root, 'out/renderer'));
    writeFileSync(path.join(root, 'out/renderer/index.html'), '<!doctype html><title>calsync</title>');
    symlinkSync(path.join(repoRoot, 'resources'), path.join(root, 'resources'));
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules')); // the keyring stays external
    Object.assign(process.env, {
      CALSYNC_HOME: path.join(root, 'home'),
      CALSYNC_TOKEN_STORE: 'file',
      CALSYNC_LOG_LEVEL: 'silent',
      XDG_CONFIG_HOME: path.join(root, 'xdg'),
    });
    Module._load = function (request, parent, isMain) {
      return request === 'electron' ? fake : originalLoad.call(this, request, parent, isMain);
    };
  });
  afterAll(() => {
    Module._load = originalLoad;
    for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
    Object.assign(process.env, savedEnv);
    rmSync(root, { recursive: true, force: true });
  });

  it('keeps the preload a sandbox-loadable CommonJS file that requires only electron', () => {
    const preload = readFileSync(path.join(root, 'out/preload/preload.cjs'), 'utf8');
    expect([...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    expect(readFileSync(path.join(root, 'out/main/electron.cjs'), 'utf8')).not.toContain('import.meta');
  });

  it('starts the engine on ready, answers the window over IPC, serves it, and quits', async () => {
    require(path.join(root, 'out/main/electron.cjs'));
    expect(fake.app.lockRequested).toBe(true);
    expect(fake.protocol.privileged).toHaveLength(1);
    fake.app.markReady();
    await vi.waitFor(() => expect(fake.Tray.instances).toHaveLength(1));
    expect(fake.dialog.errors).toEqual([]);

    const invoke = fake.ipcMain.handlers.get('calsync:invoke')!;
    const status = (await invoke({ senderFrame: { url: 'app://calsync/index.html', parent: null } }, 'status', {})) as {
      ok: boolean;
      value: { accounts: unknown[]; tokenStore: { kind: string } };
    };
    expect(status).toMatchObject({ ok: true, value: { accounts: [], tokenStore: { kind: 'file' } } });
    await vi.waitFor(() =>
      expect(fake.Tray.instances[0]!.image.path).toBe(path.join(root, 'resources/tray/tray-needs-login.png')),
    );

    const page = await fake.protocol.handlers.get('app')!({ url: 'app://calsync/index.html', method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");

    fake.app.quit();
    await vi.waitFor(() => expect(fake.app.quitted).toBe(true));
  });
});
