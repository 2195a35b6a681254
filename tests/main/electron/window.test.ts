import { beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL } from '../../../src/main/electron/app-origin';
import { MainWindow } from '../../../src/main/electron/main-window';
import { externalUrlToOpen } from '../../../src/main/electron/navigation-policy';
import { BrowserWindow, FakeEvent, resetFakeElectron, shell } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

describe('the window', () => {
  beforeEach(() => resetFakeElectron());

  it('is created on first show with every security flag, from the app protocol, never a remote URL', () => {
    const w = new MainWindow({ preload: '/app/out/preload/preload.cjs' });
    expect(BrowserWindow.instances).toHaveLength(0); // tray-only until opened
    w.show();
    w.show('plan');
    expect(BrowserWindow.instances).toHaveLength(1);
    for (const win of BrowserWindow.instances) {
      expect(win.options.show).toBe(false);
      expect(win.options.webPreferences).toEqual({
        preload: '/app/out/preload/preload.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        experimentalFeatures: false,
        navigateOnDragDrop: false,
        safeDialogs: true,
      });
      expect(win.loaded).toEqual([APP_ENTRY_URL, `${APP_ENTRY_URL}#/plan`]);
      for (const url of win.loaded) expect(url.startsWith('app://calsync/')).toBe(true);
    }
  });

  it('blocks every navigation; clicked http(s)/mailto links open in the system browser, other schemes nowhere', () => {
    new MainWindow({ preload: '/p.cjs' }).show();
    const wc = BrowserWindow.instances[0]!.webContents;
    const tries = [
      'https://calendar.google.com/x',
      'http://example.test/',
      'mailto:ada@example.test',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'app://calsync/index.html',
      'https://google.com@evil.example/',
    ];
    for (const url of tries) {
      const e = new FakeEvent(url);
      wc.emit('will-navigate', e);
      expect(e.defaultPrevented).toBe(true);
      const f = new FakeEvent(url);
      wc.emit('will-frame-navigate', f);
      expect(f.defaultPrevented).toBe(true);
    }
    expect(shell.opened).toEqual(['https://calendar.google.com/x', 'http://example.test/', 'mailto:ada@example.test']);
  });

  it('denies every new window; allowed links go to the system browser instead', () => {
    new MainWindow({ preload: '/p.cjs' }).show();
    const wc = BrowserWindow.instances[0]!.webContents;
    expect(wc.windowOpenHandler!({ url: 'https://support.google.com/' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: 'app://calsync/index.html' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: 'smb://share/x' })).toEqual({ action: 'deny' });
    expect(shell.opened).toEqual(['https://support.google.com/']);
  });

  it('refuses webviews and every permission request', () => {
    new MainWindow({ preload: '/p.cjs' }).show();
    const wc = BrowserWindow.instances[0]!.webContents;
    const e = new FakeEvent();
    wc.emit('will-attach-webview', e);
    expect(e.defaultPrevented).toBe(true);
    const answer = vi.fn();
    wc.session.permissionRequest!(wc, 'media', answer);
    expect(answer).toHaveBeenCalledWith(false);
    expect(wc.session.permissionCheck!()).toBe(false);
  });

  it('hides on close (the app stays in the tray) and really closes only once quitting', () => {
    const visibility: boolean[] = [];
    const w = new MainWindow({ preload: '/p.cjs', onVisibilityChange: (v) => visibility.push(v) });
    w.show();
    const win = BrowserWindow.instances[0]!;
    win.close();
    expect(win.destroyed).toBe(false);
    expect(win.visible).toBe(false);
    w.show();
    expect(BrowserWindow.instances).toHaveLength(1);
    expect(win.focusCount).toBe(2);
    expect(visibility).toEqual([true, false, true]);
    w.allowClose();
    win.close();
    expect(win.destroyed).toBe(true);
    expect(w.webContents()).toEqual([]);
  });
});

describe('external link policy', () => {
  it('allows only http, https and mailto, without credentials', () => {
    expect(externalUrlToOpen('https://example.test/a?b=c')).toBe('https://example.test/a?b=c');
    expect(externalUrlToOpen('MAILTO:ada@example.test')).toBe('mailto:ada@example.test');
    for (const bad of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,x',
      'vbscript:x',
      'ms-settings:',
      'app://calsync/',
      'https://user:pw@example.test/',
      'not a url',
    ]) {
      expect(externalUrlToOpen(bad)).toBeNull();
    }
  });
});
