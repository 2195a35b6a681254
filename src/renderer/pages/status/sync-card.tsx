import type { StatusReport } from '../../../shared/api';
import { InlineError } from '../../components/notices';
import { ProgressBar } from '../../components/progress-bar';
import { StatusBadge } from '../../components/status-badge';
import { formatDateTime, relative } from '../../format/time';
import { useNow } from '../../hooks/use-now';
import { useZone } from '../../format/zone-context';
import { useClient } from '../../hooks/client-context';
import { useAction } from '../../hooks/use-action';
import { progressView, type SyncProgress } from './sync-progress';

export function SyncCard({
  status,
  progress,
  onChanged,
}: {
  status: StatusReport;
  progress: SyncProgress | null;
  onChanged: () => void;
}) {
  const now = useNow();
  const client = useClient();
  const zone = useZone();
  const syncNow = useAction(() => client.call('syncNow', { full: false }), onChanged);
  const pause = useAction((paused: boolean) => client.call('setSyncPaused', { paused }), onChanged);
  const running = status.running !== null || progress !== null || syncNow.busy;
  const bar = progressView(progress, status.calendars);
  const last = status.lastRun;
  return (
    <section className="card" aria-labelledby="sync-h">
      <h2 id="sync-h">Sync</h2>
      <dl className="facts">
        <dt>Last run</dt>
        <dd data-testid="last-run">
          {last ? (
            <>
              <StatusBadge status={last.status} /> {relative(last.endedAt, now)}
            </>
          ) : (
            'never'
          )}
        </dd>
        {last?.error && (
          <>
            <dt>Error</dt>
            <dd className="error-text" data-testid="last-run-error">
              {last.error}
            </dd>
          </>
        )}
        <dt>Last good sync</dt>
        <dd title={status.lastSuccessAt ?? undefined}>
          {status.lastSuccessAt
            ? `${relative(status.lastSuccessAt, now)} (${formatDateTime(status.lastSuccessAt, zone)})`
            : 'never'}
        </dd>
        <dt>Next sync</dt>
        <dd>
          {status.paused
            ? 'paused'
            : status.nextSyncAt
              ? `${formatDateTime(status.nextSyncAt, zone)} (${relative(status.nextSyncAt, now)})`
              : 'not scheduled'}
        </dd>
      </dl>
      {running && <ProgressBar label="Sync progress" value={bar.value} max={bar.max} text={bar.text} />}
      <div className="row">
        <button type="button" onClick={() => void syncNow.go()} disabled={running || status.accounts.length === 0}>
          {running ? 'Syncing…' : 'Sync now'}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => void pause.go(!status.paused)}
          disabled={pause.busy}
          aria-pressed={status.paused}
        >
          {status.paused ? 'Resume background sync' : 'Pause background sync'}
        </button>
      </div>
      <InlineError error={syncNow.error ?? pause.error} />
    </section>
  );
}
