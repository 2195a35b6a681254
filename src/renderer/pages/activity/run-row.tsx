import type { SyncRun } from '../../../shared/domain';
import { StatusBadge } from '../../components/status-badge';
import { formatDateTime, formatDuration } from '../../format/time';
import { useZone } from '../../format/zone-context';
import { runChanges, runDurationMs } from './run-stats';

export interface RunRowProps {
  run: SyncRun;
  expanded: boolean;
  onToggle: () => void;
  calendarName: (id: string) => string;
}

export function RunRow({ run, expanded, onToggle, calendarName }: RunRowProps) {
  const zone = useZone();
  const ch = runChanges(run);
  const detailsId = `run-${run.id}-details`;
  const hasDetails = run.error !== null || run.calendars.length > 0 || (run.taskImports?.length ?? 0) > 0;
  return (
    <>
      <div className="run-cells">
        <span role="cell" className="c-expand">
          <button
            type="button"
            className="icon-button"
            aria-expanded={expanded}
            aria-controls={detailsId}
            onClick={onToggle}
            disabled={!hasDetails}
            aria-label={`Details of run ${run.id}`}
          >
            {expanded ? '▾' : '▸'}
          </button>
        </span>
        <span role="cell" className="c-status">
          <StatusBadge status={run.status} />
        </span>
        <span role="cell" className="c-time">
          {formatDateTime(run.startedAt, zone)}
        </span>
        <span role="cell" className="c-trigger">
          {run.trigger} · {run.kind}
        </span>
        <span role="cell" className="c-num">
          {formatDuration(runDurationMs(run))}
        </span>
        <span
          role="cell"
          className="c-num"
          title={`${ch.inserted} inserted, ${ch.updated} updated, ${ch.deleted} deleted`}
        >
          +{ch.inserted} ~{ch.updated} −{ch.deleted}
        </span>
        <span role="cell" className="c-error error-text">
          {run.error ?? ''}
        </span>
      </div>
      {expanded && (
        <div id={detailsId} className="run-details" data-testid="run-details">
          {run.error && (
            <>
              <h3>Error</h3>
              <pre className="error-text">{run.error}</pre>
            </>
          )}
          <p className="muted">
            Run {run.id}: {run.apiCalls} API calls, {run.retries} retries, {run.pages} pages
            {run.endedAt ? `, ended ${formatDateTime(run.endedAt, zone)}` : ''}.
          </p>
          {(run.taskImports ?? []).map((i) => (
            <p key={i.accountId} className={i.error ? 'error-text' : 'muted'}>
              Google Tasks import ({i.kind}, {i.lists} lists): {i.status} +{i.inserted} ~{i.updated} −{i.deleted}
              {i.error ? ` — ${i.error}` : ''}
            </p>
          ))}
          {run.calendars.length > 0 && (
            <table className="data-table compact">
              <thead>
                <tr>
                  <th scope="col">Calendar</th>
                  <th scope="col">Status</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Inserted</th>
                  <th scope="col">Updated</th>
                  <th scope="col">Deleted</th>
                  <th scope="col">Skipped</th>
                  <th scope="col">Error</th>
                </tr>
              </thead>
              <tbody>
                {run.calendars.map((c) => (
                  <tr key={`${c.accountId}/${c.calendarId}`}>
                    <td>{calendarName(c.calendarId)}</td>
                    <td>
                      <StatusBadge status={c.status} />
                    </td>
                    <td>{c.kind}</td>
                    <td>{c.inserted}</td>
                    <td>{c.updated}</td>
                    <td>{c.deleted}</td>
                    <td>{c.skipped}</td>
                    <td className="error-text">{c.error ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </>
  );
}
