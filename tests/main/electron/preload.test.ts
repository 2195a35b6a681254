import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { CalsyncBridge } from '../../../src/shared/bridge';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../src/main/electron/ipc-channels';
import { contextBridge, ipcRenderer } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

describe('preload', () => {
  let bridge: CalsyncBridge;
  beforeAll(async () => {
    await import('../../../src/main/electron/preload');
    bridge = contextBridge.exposed.get('calsync') as CalsyncBridge;
  });

  it('exposes exactly the bridge as window.calsync: invoke and subscribe, no ipcRenderer', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['calsync']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe']);
    expect(Object.values(bridge).every((v) => typeof v === 'function')).toBe(true);
  });

  it('invokes through the one channel and never throws across the bridge', async () => {
    ipcRenderer.reply = async () => ({ ok: true, value: { paused: true } });
    expect(await bridge.invoke('setSyncPaused', { paused: true })).toEqual({ ok: true, value: { paused: true } });
    expect(ipcRenderer.invoked.at(-1)).toEqual([INVOKE_CHANNEL, 'setSyncPaused', { paused: true }]);
    ipcRenderer.reply = async () => {
      throw new Error("Error invoking remote method 'calsync:invoke': No handler registered");
    };
    expect(await bridge.invoke('status', {})).toMatchObject({
      ok: false,
      error: { code: 'internal', message: expect.stringContaining('No handler') },
    });
  });

  it('delivers engine events to a subscriber until it unsubscribes', () => {
    const got: unknown[] = [];
    const off = bridge.subscribe((e) => got.push(e));
    ipcRenderer.emit(EVENT_CHANNEL, {}, { type: 'status-changed' });
    off();
    ipcRenderer.emit(EVENT_CHANNEL, {}, { type: 'status-changed' });
    expect(got).toEqual([{ type: 'status-changed' }]);
    expect(ipcRenderer.listenerCount(EVENT_CHANNEL)).toBe(0);
  });
});
