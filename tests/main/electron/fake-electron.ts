// A small, faithful-enough stand-in for the `electron` module, for unit tests
// of the shell under plain Node: each fake records what the shell asked of
// it and lets the test drive events (ready, second-instance, resume, clicks).
// Use with: vi.mock('electron', () => import('./fake-electron')).
import { EventEmitter } from 'node:events';

export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

class FakeApp extends EventEmitter {
  lockGranted = true;
  lockRequested = false;
  quitCalls = 0;
  quitted = false;
  exitCode: number | null = null;
  paths = new Map<string, string>();
  loginItem: { openAtLogin: boolean; args?: string[] } = { openAtLogin: false };
  dockHidden = false;
  dock = {
    hide: () => void (this.dockHidden = true),
    show: async () => void (this.dockHidden = false),
  };
  private ready!: () => void;
  private readyPromise = new Promise<void>((r) => (this.ready = r));

  reset(): void {
    this.removeAllListeners();
    Object.assign(this, {
      isReadyNow: false,
      lockGranted: true,
      lockRequested: false,
      quitCalls: 0,
      quitted: false,
      exitCode: null,
      dockHidden: false,
    });
    this.paths = new Map();
    this.loginItem = { openAtLogin: false };
    this.readyPromise = new Promise<void>((r) => (this.ready = r));
  }
  isReadyNow = false;
  markReady(): void {
    this.isReadyNow = true;
    this.ready();
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  requestSingleInstanceLock(): boolean {
    this.lockRequested = true;
    return this.lockGranted;
  }
  /** Like Electron: before-quit may be prevented; otherwise the app quits. */
  quit(): void {
    this.quitCalls += 1;
    const e = new FakeEvent();
    this.emit('before-quit', e);
    if (!e.defaultPrevented) this.quitted = true;
  }
  exit(code = 0): void {
    this.exitCode = code;
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  getPath(name: string): string {
    return this.paths.get(name) ?? `/fake/${name}`;
  }
  getAppPath(): string {
    return '/fake/app';
  }
  setLoginItemSettings(s: { openAtLogin: boolean; args?: string[] }): void {
    this.loginItem = { ...s };
  }
  getLoginItemSettings(): { openAtLogin: boolean } {
    return this.loginItem;
  }
}
export const app = new FakeApp();

class FakeSession {
  permissionRequest: ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void) | null = null;
  permissionCheck: (() => boolean) | null = null;
  setPermissionRequestHandler(h: FakeSession['permissionRequest']): void {
    this.permissionRequest = h;
  }
  setPermissionCheckHandler(h: FakeSession['permissionCheck']): void {
    this.permissionCheck = h;
  }
}

export class FakeWebContents extends EventEmitter {
  url = '';
  destroyed = false;
  sent: Array<[string, unknown]> = [];
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
  session = new FakeSession();
  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  setWindowOpenHandler(h: FakeWebContents['windowOpenHandler']): void {
    this.windowOpenHandler = h;
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  visible = false;
  minimized = false;
  destroyed = false;
  focusCount = 0;
  loaded: string[] = [];
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    this.webContents.url = url;
    return Promise.resolve();
  }
  show = (): void => void ((this.visible = true), this.emit('show'));
  hide = (): void => void ((this.visible = false), this.emit('hide'));
  focus = (): void => void (this.focusCount += 1);
  isMinimized = (): boolean => this.minimized;
  restore = (): void => void (this.minimized = false);
  isDestroyed = (): boolean => this.destroyed;
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  /** The user closed it (title bar, Alt+F4). */
  close(): void {
    const e = new FakeEvent();
    this.emit('close', e);
    if (!e.defaultPrevented) this.destroy();
  }
}

export interface FakeMenu {
  template: Array<Record<string, unknown> & { click?: () => void }>;
}
export const Menu = { buildFromTemplate: (template: FakeMenu['template']): FakeMenu => ({ template }) };
export const nativeImage = { createFromPath: (p: string) => ({ path: p }) };

export class Tray extends EventEmitter {
  static instances: Tray[] = [];
  tooltip = '';
  menu: FakeMenu | null = null;
  menusSet = 0;
  destroyed = false;
  constructor(public image: { path: string }) {
    super();
    Tray.instances.push(this);
  }
  setImage(image: { path: string }): void {
    this.image = image;
  }
  setToolTip(t: string): void {
    this.tooltip = t;
  }
  setContextMenu(m: FakeMenu): void {
    this.menu = m;
    this.menusSet += 1;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

type Handler = (event: unknown, ...args: unknown[]) => unknown;
export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, fn: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, fn);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
};

class FakeIpcRenderer extends EventEmitter {
  invoked: unknown[][] = [];
  reply: (...args: unknown[]) => Promise<unknown> = async () => ({ ok: true, value: null });
  invoke(...args: unknown[]): Promise<unknown> {
    this.invoked.push(args);
    return this.reply(...args);
  }
}
export const ipcRenderer = new FakeIpcRenderer();
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  },
};

/** Reversible, but never the plaintext: enough to tell "encrypted" from "stored as is". */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as string,
  isEncryptionAvailable(): boolean {
    return this.available;
  },
  getSelectedStorageBackend(): string {
    return this.backend;
  },
  encryptString(s: string): Buffer {
    if (!this.available) throw new Error('Encryption is not available.');
    return Buffer.concat([Buffer.from('v11'), Buffer.from(s, 'utf8').map((b) => b ^ 0x5a)]);
  },
  decryptString(b: Buffer): string {
    if (b.subarray(0, 3).toString() !== 'v11')
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(b.subarray(3).map((x) => x ^ 0x5a)).toString('utf8');
  },
};

export const powerMonitor = new EventEmitter();
export const net = {
  online: true,
  isOnline(): boolean {
    return this.online;
  },
};

export class Notification extends EventEmitter {
  static instances: Notification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return Notification.supported;
  }
  shown = false;
  constructor(readonly options: { title: string; body: string }) {
    super();
    Notification.instances.push(this);
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    this.emit('close');
  }
}

export const shell = {
  opened: [] as string[],
  openExternal(url: string): Promise<void> {
    this.opened.push(url);
    return Promise.resolve();
  },
};

export const protocol = {
  privileged: [] as Array<{ scheme: string; privileges: Record<string, boolean> }>,
  handlers: new Map<string, (req: { url: string; method: string }) => Promise<Response> | Response>(),
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>): void {
    // Electron: "This method can only be used before the ready event of the app module gets emitted".
    if (app.isReadyNow) throw new Error('registerSchemesAsPrivileged after ready');
    this.privileged.push(...schemes);
  },
  handle(scheme: string, fn: (req: { url: string; method: string }) => Promise<Response> | Response): void {
    this.handlers.set(scheme, fn);
  },
};

export const dialog = {
  errors: [] as Array<[string, string]>,
  showErrorBox(title: string, message: string): void {
    this.errors.push([title, message]);
  },
};

export function resetFakeElectron(): void {
  app.reset();
  BrowserWindow.instances = [];
  Tray.instances = [];
  Notification.instances = [];
  Notification.supported = true;
  ipcMain.handlers.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invoked = [];
  contextBridge.exposed.clear();
  Object.assign(safeStorage, { available: true, backend: 'gnome_libsecret' });
  powerMonitor.removeAllListeners();
  net.online = true;
  shell.opened = [];
  protocol.privileged = [];
  protocol.handlers.clear();
  dialog.errors = [];
}
