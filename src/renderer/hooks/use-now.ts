// The current time for views that say how long ago something was: one shared
// clock that ticks every 30 s while any view listens, so "just now" ages on an
// open window instead of staying as it was first drawn.
import { useSyncExternalStore } from 'react';

export const NOW_TICK_MS = 30_000;

let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    // A view mounting after a pause must not draw a stale time until the next tick.
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, NOW_TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** Milliseconds since the epoch, re-rendering the caller every 30 s. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}
