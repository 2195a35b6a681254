// The one window. Tray-only by default: it is created on first "Open",
// closing it hides it (the app keeps syncing in the tray), and only Quit
// really closes it. Its web contents may not navigate, open windows, attach
// webviews or get permissions; links the user clicks go to the system browser.
import { BrowserWindow, shell, type WebContents } from 'electron';
import { APP_ENTRY_URL } from './app-origin';
import { externalUrlToOpen } from './navigation-policy';
import { mainWindowOptions } from './window-options';

export interface MainWindowDeps {
  preload: string;
  icon?: string;
  onVisibilityChange?: (visible: boolean) => void;
}

export class MainWindow {
  private win: BrowserWindow | null = null;
  private closing = false;

  constructor(private readonly deps: MainWindowDeps) {}

  /** Shows (creating if needed) and focuses the window; `route` is the renderer's hash route, e.g. "plan". */
  show(route?: string): void {
    const win = this.win && !this.win.isDestroyed() ? this.win : this.create();
    if (route !== undefined) void win.loadURL(`${APP_ENTRY_URL}#/${route}`);
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  }

  /** From now on, close means close (Quit). */
  allowClose(): void {
    this.closing = true;
  }

  webContents(): WebContents[] {
    return this.win && !this.win.isDestroyed() ? [this.win.webContents] : [];
  }

  destroy(): void {
    this.allowClose();
    if (this.win && !this.win.isDestroyed()) this.win.destroy();
    this.win = null;
  }

  private create(): BrowserWindow {
    const win = new BrowserWindow(mainWindowOptions(this.deps.preload, this.deps.icon));
    hardenWebContents(win.webContents);
    win.on('close', (e) => {
      if (this.closing) return;
      e.preventDefault();
      win.hide();
    });
    win.on('show', () => this.deps.onVisibilityChange?.(true));
    win.on('hide', () => this.deps.onVisibilityChange?.(false));
    win.on('closed', () => {
      if (this.win === win) this.win = null;
    });
    void win.loadURL(APP_ENTRY_URL);
    this.win = win;
    return win;
  }
}

export function hardenWebContents(wc: WebContents): void {
  const openOutside = (url: string): void => {
    const target = externalUrlToOpen(url);
    if (target) void shell.openExternal(target);
  };
  // A clicked link without target="_blank" navigates the page: never in here.
  wc.on('will-navigate', (event) => {
    event.preventDefault();
    openOutside(event.url);
  });
  // Subframes stay put as well (neither event fires for our own loadURL calls).
  wc.on('will-frame-navigate', (event) => event.preventDefault());
  wc.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
  wc.on('will-attach-webview', (event) => event.preventDefault());
  wc.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  wc.session.setPermissionCheckHandler(() => false);
}
