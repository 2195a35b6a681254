// The sync log for a filter, newest first, fetched in pages as the list
// scrolls (thousands of runs), and refreshed at the top when a run ends.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RunStatus, SyncRun } from '../../../shared/domain';
import type { AppErrorData } from '../../../shared/errors';
import { RUN_PAGE } from '../../api/early-calls';
import { useClient } from '../../hooks/client-context';
import { useReloadOn } from '../../hooks/use-engine-events';

export interface RunFilter {
  status?: RunStatus;
  calendarId?: string;
}

export const PAGE = RUN_PAGE;

export function useRunLog(filter: RunFilter) {
  const client = useClient();
  const [runs, setRuns] = useState<SyncRun[]>([]);
  const [state, setState] = useState<'loading' | 'ok' | 'error'>('loading');
  const [error, setError] = useState<AppErrorData | null>(null);
  const [complete, setComplete] = useState(false);
  const loadingMore = useRef(false);
  const generation = useRef(0);
  const key = JSON.stringify(filter);

  const loadFirst = useCallback(async () => {
    const gen = ++generation.current;
    const r = await client.call('listRuns', { ...(JSON.parse(key) as RunFilter), limit: PAGE });
    if (gen !== generation.current) return;
    if (!r.ok) {
      setState('error');
      setError(r.error);
      return;
    }
    setError(null);
    setState('ok');
    setRuns((prev) => {
      // Keep pages already scrolled through: replace the head, keep the older tail.
      const oldest = r.value.at(-1)?.id ?? Infinity;
      return [...r.value, ...prev.filter((x) => x.id < oldest)];
    });
    setComplete((c) => c || r.value.length < PAGE);
  }, [client, key]);

  useEffect(() => {
    setRuns([]);
    setComplete(false);
    setState('loading');
    void loadFirst();
  }, [loadFirst]);

  useReloadOn(['run-finished', 'run-started'], () => void loadFirst());

  const loadMore = useCallback(async () => {
    if (loadingMore.current || complete || runs.length === 0) return;
    loadingMore.current = true;
    const gen = generation.current;
    const r = await client.call('listRuns', {
      ...(JSON.parse(key) as RunFilter),
      limit: PAGE,
      beforeId: runs.at(-1)!.id,
    });
    loadingMore.current = false;
    if (gen !== generation.current) return;
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setRuns((prev) => [...prev, ...r.value.filter((x) => x.id < (prev.at(-1)?.id ?? Infinity))]);
    if (r.value.length < PAGE) setComplete(true);
  }, [client, key, runs, complete]);

  return { runs, state, error, complete, loadMore, reload: loadFirst };
}
