// Channel names shared by the preload and the main process. One generic
// invoke channel carries every operation; the op name is validated on arrival
// (bridge-dispatch.ts), so there is no per-op channel that could be forgotten.
export const INVOKE_CHANNEL = 'calsync:invoke';
export const EVENT_CHANNEL = 'calsync:event';
