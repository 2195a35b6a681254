// The preload of the calsync window (bundled as CommonJS: sandboxed preloads
// cannot load ES modules). It exposes exactly the bridge of
// src/shared/bridge.ts — two functions, never ipcRenderer itself — so the page
// can reach the engine only through the validated invoke channel.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EngineEvent } from '../../shared/api';
import type { CalsyncBridge } from '../../shared/bridge';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-channels';

const bridge = {
  invoke: async (op, input) => {
    try {
      return await ipcRenderer.invoke(INVOKE_CHANNEL, op, input);
    } catch (e) {
      // Only a broken channel gets here (the main side never throws): still data, not an exception.
      return { ok: false, error: { code: 'internal', message: e instanceof Error ? e.message : String(e) } };
    }
  },
  subscribe: (listener) => {
    const handler = (_e: IpcRendererEvent, event: EngineEvent): void => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
} satisfies CalsyncBridge;

contextBridge.exposeInMainWorld('calsync', bridge);
