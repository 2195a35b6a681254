// A button's call: busy while it runs, its error kept for the view to show.
import { useCallback, useState } from 'react';
import type { ApiResult } from '../../shared/api';
import type { AppErrorData } from '../../shared/errors';

export function useAction<A extends unknown[], T>(
  run: (...args: A) => Promise<ApiResult<T>>,
  onDone?: (value: T) => void,
) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const go = useCallback(
    async (...args: A): Promise<T | null> => {
      setBusy(true);
      setError(null);
      try {
        const r = await run(...args);
        if (!r.ok) {
          setError(r.error);
          return null;
        }
        onDone?.(r.value);
        return r.value;
      } finally {
        setBusy(false);
      }
    },
    [run, onDone],
  );
  return { go, busy, error, clearError: () => setError(null) };
}
