// The renderer's one way to the engine: typed from src/shared/api.ts, over
// whichever bridge the host gave (Electron preload) or HTTP (calsync serve).
import type { CalsyncBridge } from '../../shared/bridge';
import { reloadOnNewToken, takeAccessToken } from './access-token';
import type { ApiClient } from './api-client';
import { createHttpBridge } from './http-bridge';

export type { ApiClient };

declare global {
  interface Window {
    calsync?: CalsyncBridge;
  }
}

export function clientFromBridge(
  bridge: CalsyncBridge,
  extra: Partial<Pick<ApiClient, 'onConnection' | 'missingToken'>> = {},
): ApiClient {
  return {
    // The bridge promises never to throw; if a host breaks that, the view still gets an error as data.
    call: (op, input) =>
      bridge.invoke(op, input).catch((e: unknown) => ({
        ok: false as const,
        error: { code: 'internal' as const, message: e instanceof Error ? e.message : String(e) },
      })),
    subscribe: (listener) => bridge.subscribe(listener),
    onConnection:
      extra.onConnection ??
      ((l) => {
        l('open');
        return () => undefined;
      }),
    missingToken: extra.missingToken ?? false,
  };
}

export function createClient(): ApiClient {
  if (window.calsync) return clientFromBridge(window.calsync);
  const token = takeAccessToken();
  reloadOnNewToken();
  const http = createHttpBridge(token);
  return clientFromBridge(http, { onConnection: (l) => http.onConnection(l), missingToken: token === null });
}
