// Loads one operation's result for a view: loading → value or error, with
// reload() (start it, the answer lands in the state: what buttons and event
// handlers want) and refresh() (the same, to await). A newer request wins
// over a slower older one.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppErrorData } from '../../shared/errors';
import type { BridgeInput, BridgeOp, BridgeOutput } from '../../shared/bridge';
import { useClient } from './client-context';

export type Loaded<T> =
  | { state: 'loading'; value: T | null; error: null }
  | { state: 'ok'; value: T; error: null }
  | { state: 'error'; value: T | null; error: AppErrorData };

export function useApi<K extends BridgeOp>(
  op: K,
  input: BridgeInput<K>,
): Loaded<BridgeOutput<K>> & { reload: () => void; refresh: () => Promise<void> } {
  const client = useClient();
  const key = JSON.stringify(input);
  const [loaded, setLoaded] = useState<Loaded<BridgeOutput<K>>>({ state: 'loading', value: null, error: null });
  const seq = useRef(0);
  const refresh = useCallback(() => {
    const mine = ++seq.current;
    return client.call(op, JSON.parse(key) as BridgeInput<K>).then((r) => {
      if (mine !== seq.current) return;
      // Keep the last good value on screen while an error is shown.
      setLoaded((prev) =>
        r.ok ? { state: 'ok', value: r.value, error: null } : { state: 'error', value: prev.value, error: r.error },
      );
    });
  }, [client, op, key]);
  // Fire and forget is safe: client.call answers failures as data and never rejects.
  const reload = useCallback(() => void refresh(), [refresh]);
  useEffect(() => {
    setLoaded((prev) => ({ state: 'loading', value: prev.value, error: null }));
    reload();
  }, [reload]);
  return { ...loaded, reload, refresh };
}
