import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { registerAppScheme, serveRenderer } from '../../../src/main/electron/app-protocol';
import { isAppUrl } from '../../../src/main/electron/app-origin';
import { RENDERER_CSP, rendererResponse, resolveRendererPath } from '../../../src/main/electron/renderer-files';
import { useTempDir } from '../../helpers/temp-dir';
import { app, protocol, resetFakeElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

describe('app:// protocol', () => {
  const tempDir = useTempDir('calsync-renderer-');
  let root: string;
  beforeEach(() => {
    resetFakeElectron();
    const base = tempDir();
    root = path.join(base, 'renderer');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(base, 'secret.txt'), 'secret');
    writeFileSync(
      path.join(root, 'index.html'),
      '<!doctype html><script type="module" src="./assets/app.js"></script>',
    );
    writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  });

  it('is privileged as standard + secure before ready and served by our handler after', async () => {
    registerAppScheme();
    expect(protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    app.markReady();
    expect(() => registerAppScheme()).toThrow(/after ready/);
    serveRenderer(root);
    const res = await protocol.handlers.get('app')!({ url: 'app://calsync/assets/app.js', method: 'GET' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('serves the entry page with a CSP that allows only our own scripts', async () => {
    const res = await rendererResponse(root, 'app://calsync/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(RENDERER_CSP).toContain("script-src 'self'");
    expect(RENDERER_CSP).not.toMatch(/unsafe-(inline|eval)/);
    // A client-side route reloaded in place gets the entry page; a missing asset does not.
    expect((await rendererResponse(root, 'app://calsync/plan')).status).toBe(200);
    expect((await rendererResponse(root, 'app://calsync/assets/missing.js')).status).toBe(404);
  });

  it('never leaves the renderer folder and answers only its own host', async () => {
    // The URL parser already folds "/../" and "/%2e%2e/" into the root; an encoded slash is decoded later, so check that too.
    expect(resolveRendererPath(root, 'app://calsync/%2e%2e/secret.txt')).toBe(path.join(root, 'secret.txt'));
    expect((await rendererResponse(root, 'app://calsync/../secret.txt')).status).toBe(404);
    const escapes = [
      'app://calsync/..%2fsecret.txt',
      'app://calsync/assets/..%2f..%2fsecret.txt',
      'app://calsync/..%2f..%2f..%2f..%2fetc%2fpasswd',
      'app://calsync/assets/%00.js',
      'app://calsync/%E0%A4%A',
      'app://evil/index.html',
      'https://calsync/index.html',
    ];
    for (const url of escapes) {
      expect(resolveRendererPath(root, url)).toBeNull();
      const res = await rendererResponse(root, url);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    }
    expect((await rendererResponse(root, 'app://calsync/index.html', 'POST')).status).toBe(405);
  });

  it('explains a missing renderer build instead of a blank window', async () => {
    const res = await rendererResponse(null, 'app://calsync/index.html');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('has not been built');
    expect((await rendererResponse(null, 'app://calsync/assets/app.js')).status).toBe(404);
  });

  it('knows its own origin', () => {
    expect(isAppUrl('app://calsync/index.html#/plan')).toBe(true);
    for (const u of [
      'app://calsync.evil/',
      'app://evil/',
      'https://calsync/',
      'file:///app/index.html',
      '',
      null,
      'nonsense',
    ])
      expect(isAppUrl(u)).toBe(false);
  });
});
