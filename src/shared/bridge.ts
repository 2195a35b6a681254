// What a window's host hands the renderer. The Electron preload exposes
// exactly this object as `window.calsync` through contextBridge; in a browser
// (`calsync serve`) the renderer builds the same shape over loopback HTTP + SSE.
// Besides the engine's operations (src/shared/api.ts) a host answers a few
// shell operations: things only a desktop shell can do, like launch at login.
import * as z from 'zod';
import type { ApiInput, ApiOp, ApiOutputs, ApiResult, EngineEvent } from './api';

const none = z.object({}).strict();

export const shellInputs = {
  /** What this host can do; the renderer shows only the controls it supports. */
  shellCapabilities: none,
  setLaunchAtLogin: z.object({ enabled: z.boolean() }).strict(),
} as const;

export type ShellOp = keyof typeof shellInputs;

export interface ShellCapabilities {
  /** 'electron' for the desktop window, 'http' for a browser on `calsync serve`. */
  host: 'electron' | 'http';
  launchAtLogin: { supported: boolean; enabled: boolean };
  /** True when the host opens Google's consent page itself (Electron: the system browser). */
  opensLoginPage: boolean;
}

export interface ShellOutputs {
  shellCapabilities: ShellCapabilities;
  setLaunchAtLogin: { enabled: boolean };
}

export type BridgeOp = ApiOp | ShellOp;
export type BridgeInput<K extends BridgeOp> = K extends ApiOp
  ? ApiInput<K>
  : K extends ShellOp
    ? z.input<(typeof shellInputs)[K]>
    : never;
export type BridgeOutput<K extends BridgeOp> = K extends ApiOp
  ? ApiOutputs[K]
  : K extends ShellOp
    ? ShellOutputs[K]
    : never;

/** `window.calsync`: never throws across the bridge; errors come back as `{ok: false}`. */
export interface CalsyncBridge {
  invoke<K extends BridgeOp>(op: K, input: BridgeInput<K>): Promise<ApiResult<BridgeOutput<K>>>;
  /** Engine events pushed to this window; returns the unsubscribe function. */
  subscribe(listener: (event: EngineEvent) => void): () => void;
}

export function isShellOp(name: string): name is ShellOp {
  return Object.prototype.hasOwnProperty.call(shellInputs, name);
}
