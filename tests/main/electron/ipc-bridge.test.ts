import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { validatedApi, type ApiImpl } from '../../../src/main/core/api/validated-api';
import { EngineBus } from '../../../src/main/core/engine-bus';
import type { Logger } from '../../../src/main/core/log/logger';
import type { ShellOps } from '../../../src/main/electron/bridge-dispatch';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../src/main/electron/ipc-channels';
import { registerIpcBridge } from '../../../src/main/electron/ipc-bridge';
import { FakeWebContents, ipcMain, resetFakeElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const APP_FRAME = { url: 'app://calsync/index.html#/plan', parent: null };

describe('IPC bridge (main side)', () => {
  let calls: Array<[string, unknown]>;
  let impl: Record<string, (input: unknown) => Promise<unknown>>;
  let windows: FakeWebContents[];
  let unregister: () => void;
  const bus = new EngineBus();
  const log = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() } as unknown as Logger;
  // The engine's API validates its input (as createApp's does): the bridge relies on that, not on a second parse.
  const api = validatedApi(
    new Proxy({} as ApiImpl, {
      get: (_t, op: string) => async (input: unknown) => {
        calls.push([op, input]);
        return impl[op] ? impl[op](input) : { op };
      },
    }),
  );
  const shell: ShellOps = {
    shellCapabilities: async () => ({
      host: 'electron',
      launchAtLogin: { supported: true, enabled: false },
      opensLoginPage: true,
    }),
    setLaunchAtLogin: async ({ enabled }) => ({ enabled }),
  };
  const invoke = (frame: unknown, op: unknown, input?: unknown) =>
    ipcMain.handlers.get(INVOKE_CHANNEL)!({ senderFrame: frame }, op, input);

  beforeEach(() => {
    resetFakeElectron();
    calls = [];
    impl = {};
    windows = [];
    unregister = registerIpcBridge({ api, shell, bus, log, targets: () => windows as never });
  });
  afterEach(() => unregister());

  it('answers the app window with ApiResult data, input parsed by the shared zod schema', async () => {
    expect(await invoke(APP_FRAME, 'syncNow', {})).toEqual({ ok: true, value: { op: 'syncNow' } });
    expect(calls).toEqual([['syncNow', { full: false }]]); // the schema's default applied before the engine sees it
    expect(await invoke(APP_FRAME, 'shellCapabilities', {})).toMatchObject({ ok: true, value: { host: 'electron' } });
    expect(await invoke(APP_FRAME, 'setLaunchAtLogin', { enabled: true })).toEqual({
      ok: true,
      value: { enabled: true },
    });
  });

  it('refuses a foreign origin, a subframe, a file:// page and a destroyed frame, without reaching the engine', async () => {
    const foreign = [
      { url: 'https://evil.example/', parent: null },
      { url: 'app://calsync/index.html', parent: { url: 'app://calsync/index.html' } },
      { url: 'file:///home/ada/out/renderer/index.html', parent: null },
      { url: 'app://evil/index.html', parent: null },
      { url: 'http://127.0.0.1:4000/#token=x', parent: null },
      null,
    ];
    for (const frame of foreign) {
      expect(await invoke(frame, 'status', {})).toEqual({
        ok: false,
        error: { code: 'refused', message: 'calls are accepted only from the calsync window' },
      });
    }
    expect(calls).toEqual([]);
    expect(log.warn).toHaveBeenCalledTimes(foreign.length);
  });

  it('turns unknown ops, bad input and failures into errors as data, never a throw', async () => {
    expect(await invoke(APP_FRAME, 'constructor', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-operation' },
    });
    expect(await invoke(APP_FRAME, 42, {})).toMatchObject({ ok: false, error: { code: 'unknown-operation' } });
    expect(await invoke(APP_FRAME, 'syncNow', { full: 'yes' })).toMatchObject({
      ok: false,
      error: { code: 'bad-input', message: expect.stringContaining('full') },
    });
    expect(await invoke(APP_FRAME, 'setLaunchAtLogin', { enabled: true, extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'bad-input' },
    });
    expect(calls).toEqual([]);

    impl.listAccounts = async () => {
      throw new AppError('needs-login', 'ada@example.test needs a new sign-in');
    };
    expect(await invoke(APP_FRAME, 'listAccounts', {})).toEqual({
      ok: false,
      error: { code: 'needs-login', message: 'ada@example.test needs a new sign-in' },
    });
    impl.status = async () => {
      throw new TypeError('boom');
    };
    expect(await invoke(APP_FRAME, 'status', {})).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
    expect(log.error).toHaveBeenCalledOnce();
  });

  it('pushes engine events to the app windows only, and stops on unregister', () => {
    const ours = Object.assign(new FakeWebContents(), { url: 'app://calsync/index.html' });
    const strayed = Object.assign(new FakeWebContents(), { url: 'https://evil.example/' });
    const gone = Object.assign(new FakeWebContents(), { url: 'app://calsync/index.html', destroyed: true });
    windows.push(ours, strayed, gone);
    bus.emit({ type: 'status-changed' });
    expect(ours.sent).toEqual([[EVENT_CHANNEL, { type: 'status-changed' }]]);
    expect(strayed.sent).toEqual([]);
    expect(gone.sent).toEqual([]);
    unregister();
    bus.emit({ type: 'status-changed' });
    expect(ours.sent).toHaveLength(1);
    expect(ipcMain.handlers.has(INVOKE_CHANNEL)).toBe(false);
    unregister = registerIpcBridge({ api, shell, bus, log, targets: () => [] });
  });
});
