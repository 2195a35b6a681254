import { useEffect, useRef } from 'react';
import type { EngineEvent } from '../../shared/api';
import { useClient } from './client-context';

/** Calls the latest listener for every engine event while the view is mounted. */
export function useEngineEvents(listener: (e: EngineEvent) => void): void {
  const client = useClient();
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => client.subscribe((e) => ref.current(e)), [client]);
}

/** Reloads when any of the given event types arrives (coalesced to one reload per frame). */
export function useReloadOn(types: Array<EngineEvent['type']>, reload: () => void): void {
  const pending = useRef(false);
  useEngineEvents((e) => {
    if (!types.includes(e.type) || pending.current) return;
    pending.current = true;
    requestAnimationFrame(() => {
      pending.current = false;
      reload();
    });
  });
}
