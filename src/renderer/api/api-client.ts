// The renderer's client as the views see it (client.ts builds it); apart, so
// that code tested under Node (early-calls.ts) needs no browser globals.
import type { ApiResult, EngineEvent } from '../../shared/api';
import type { BridgeInput, BridgeOp, BridgeOutput } from '../../shared/bridge';
import type { ConnectionState } from './http-bridge';

export interface ApiClient {
  call<K extends BridgeOp>(op: K, input: BridgeInput<K>): Promise<ApiResult<BridgeOutput<K>>>;
  subscribe(listener: (e: EngineEvent) => void): () => void;
  /** Loopback HTTP only: whether the event stream is up. The preload is always up. */
  onConnection(listener: (s: ConnectionState) => void): () => void;
  /** True when no access token was found: the URL was opened without its fragment. */
  missingToken: boolean;
}
