// The main-process side of `window.calsync`: one invoke channel, every call
// handed to handleInvoke (bridge-dispatch.ts: sender check, validation,
// dispatch, errors as data); and engine events pushed to the app's windows.
import { ipcMain, type WebContents } from 'electron';
import type { EngineBus } from '../core/engine-bus';
import { isAppUrl } from './app-origin';
import { handleInvoke, type DispatchDeps } from './bridge-dispatch';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-channels';

export interface IpcBridgeDeps extends DispatchDeps {
  bus: EngineBus;
  /** The web contents that may receive engine events (the app's windows). */
  targets: () => WebContents[];
}

export function registerIpcBridge(deps: IpcBridgeDeps): () => void {
  ipcMain.handle(INVOKE_CHANNEL, (event, op: unknown, input: unknown) =>
    handleInvoke(deps, event.senderFrame, op, input),
  );
  const unsubscribe = deps.bus.subscribe((e) => {
    for (const wc of deps.targets()) {
      // A window that somehow left the app origin gets nothing.
      if (!wc.isDestroyed() && isAppUrl(wc.getURL())) wc.send(EVENT_CHANNEL, e);
    }
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(INVOKE_CHANNEL);
  };
}
