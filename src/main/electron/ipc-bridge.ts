// The main-process side of `window.calsync`: one invoke channel whose calls
// are accepted only from the app's own top frame, validated and dispatched by
// bridge-dispatch.ts; and engine events pushed to the app's windows.
import { ipcMain, type WebContents } from 'electron';
import type { ApiResult } from '../../shared/api';
import type { EngineBus } from '../core/engine-bus';
import type { Logger } from '../core/log/logger';
import { isAppUrl } from './app-origin';
import { dispatchBridgeCall, type DispatchDeps } from './bridge-dispatch';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-channels';
import { isTrustedSender } from './ipc-guard';

export interface IpcBridgeDeps extends Omit<DispatchDeps, 'onInternalError'> {
  bus: EngineBus;
  log: Logger;
  /** The web contents that may receive engine events (the app's windows). */
  targets: () => WebContents[];
}

export const REFUSED: ApiResult<never> = { ok: false, error: { code: 'bad-input', message: 'calls are accepted only from the calsync window' } };

export function registerIpcBridge(deps: IpcBridgeDeps): () => void {
  const dispatch: DispatchDeps = {
    api: deps.api,
    shell: deps.shell,
    onInternalError: (op, err) => deps.log.error({ err, op }, 'IPC operation failed'),
  };
  ipcMain.handle(INVOKE_CHANNEL, async (event, op: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame)) {
      deps.log.warn({ frame: event.senderFrame?.url ?? null }, 'refused an IPC call from a frame that is not the calsync window');
      return REFUSED;
    }
    return dispatchBridgeCall(dispatch, op, input);
  });
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
