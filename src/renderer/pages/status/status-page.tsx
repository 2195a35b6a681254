import { useEffect, useState } from 'react';
import { ErrorNotice, Loading } from '../../components/notices';
import { useApi } from '../../hooks/use-api';
import { useEngineEvents, useReloadOn } from '../../hooks/use-engine-events';
import { AccountsCard } from './accounts-card';
import { CalendarsCard } from './calendars-card';
import { SupabaseCard } from './supabase-card';
import { SyncCard } from './sync-card';
import { foldProgress, progressView, type SyncProgress } from './sync-progress';

export function StatusPage({ onNavigate }: { onNavigate: (page: 'settings') => void }) {
  const status = useApi('status', {});
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  useEngineEvents((e) => setProgress((p) => foldProgress(p, e)));
  // A run lists the calendars before syncing them: one the status does not know means the status predates that list.
  const countUnknown = progressView(progress, status.value?.calendars ?? []).countUnknown;
  const { reload } = status;
  useEffect(() => {
    if (countUnknown) reload();
  }, [countUnknown, progress?.calendars.length, reload]);
  useReloadOn(
    ['status-changed', 'run-finished', 'run-started', 'login-finished', 'push-finished', 'proposals-changed'],
    status.reload,
  );
  if (!status.value)
    return status.state === 'error' ? (
      <ErrorNotice error={status.error} onRetry={status.reload} title="Could not load the status" />
    ) : (
      <Loading what="status" />
    );
  const s = status.value;
  return (
    <div className="page-grid">
      {status.state === 'error' && (
        <ErrorNotice error={status.error} onRetry={status.reload} title="Could not refresh the status" />
      )}
      {s.problems.length > 0 && (
        <section className="card wide notice warning" aria-labelledby="problems-h">
          <h2 id="problems-h">Needs attention</h2>
          <ul>
            {s.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </section>
      )}
      <SyncCard status={s} progress={progress} onChanged={status.reload} />
      <AccountsCard accounts={s.accounts} />
      <SupabaseCard outbox={s.outbox} onOpenSettings={() => onNavigate('settings')} />
      <section className="card" aria-labelledby="more-h">
        <h2 id="more-h">On this device</h2>
        <dl className="facts">
          <dt>Proposals to review</dt>
          <dd>{s.proposalsPending}</dd>
          <dt>Sign-in storage</dt>
          <dd>
            {s.tokenStore.kind}
            {s.tokenStore.warning && <span className="warning-text"> — {s.tokenStore.warning}</span>}
          </dd>
          <dt>Sync lock</dt>
          <dd>
            {s.lockHolders.length === 0
              ? 'free'
              : s.lockHolders.map((h) => (
                  <div key={h.name} className="mono">
                    held by {h.owner}
                  </div>
                ))}
          </dd>
        </dl>
      </section>
      <CalendarsCard calendars={s.calendars} onChanged={status.reload} />
    </div>
  );
}
