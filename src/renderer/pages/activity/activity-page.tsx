import { useCallback, useMemo, useState } from 'react';
import type { RunStatus } from '../../../shared/domain';
import { Empty, ErrorNotice, Loading } from '../../components/notices';
import { useApi } from '../../hooks/use-api';
import { RunChart } from './run-chart';
import { RunList } from './run-list';
import { useRunLog, type RunFilter } from './use-run-log';

const STATUSES: RunStatus[] = ['succeeded', 'failed', 'running', 'skipped', 'interrupted'];

export function ActivityPage() {
  const [filter, setFilter] = useState<RunFilter>({});
  const log = useRunLog(filter);
  const calendars = useApi('listCalendars', {});
  const names = useMemo(() => new Map((calendars.value ?? []).map((c) => [c.id, c.summary])), [calendars.value]);
  const calendarName = useCallback((id: string) => names.get(id) ?? id, [names]);
  const { loadMore } = log;
  const onNearEnd = useCallback(() => void loadMore(), [loadMore]);
  return (
    <div className="activity">
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter the sync log">
        <label>
          Status{' '}
          <select
            value={filter.status ?? ''}
            onChange={(e) =>
              setFilter((f) => ({ ...f, status: (e.target.value || undefined) as RunStatus | undefined }))
            }
          >
            <option value="">All</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Calendar{' '}
          <select
            value={filter.calendarId ?? ''}
            onChange={(e) => setFilter((f) => ({ ...f, calendarId: e.target.value || undefined }))}
          >
            <option value="">All</option>
            {(calendars.value ?? []).map((c) => (
              <option key={`${c.accountId}/${c.id}`} value={c.id}>
                {c.summary}
              </option>
            ))}
          </select>
        </label>
        <span className="muted" aria-live="polite">
          {log.state === 'ok' && `${log.runs.length.toLocaleString()}${log.complete ? '' : '+'} runs`}
        </span>
      </form>
      {log.error && (
        <ErrorNotice error={log.error} onRetry={() => void log.reload()} title="Could not load the sync log" />
      )}
      {log.state === 'loading' && log.runs.length === 0 ? (
        <Loading what="the sync log" />
      ) : log.runs.length === 0 && log.state === 'ok' ? (
        <Empty>
          {filter.status || filter.calendarId
            ? 'No runs match these filters.'
            : 'No syncs yet. Runs appear here as soon as the first sync starts.'}
        </Empty>
      ) : (
        <>
          <RunChart runs={log.runs} />
          <RunList runs={log.runs} complete={log.complete} onNearEnd={onNearEnd} calendarName={calendarName} />
        </>
      )}
    </div>
  );
}
