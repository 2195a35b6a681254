import type { OutboxStatus } from '../../../shared/api';
import { ErrorNotice } from '../../components/notices';
import { relative } from '../../format/time';
import { useNow } from '../../hooks/use-now';
import { useApi } from '../../hooks/use-api';
import { useReloadOn } from '../../hooks/use-engine-events';

export function SupabaseCard({ outbox, onOpenSettings }: { outbox: OutboxStatus; onOpenSettings: () => void }) {
  const now = useNow();
  const sb = useApi('supabaseStatus', {});
  useReloadOn(['push-finished', 'status-changed'], sb.reload);
  const value = sb.value;
  return (
    <section className="card" aria-labelledby="supabase-h">
      <h2 id="supabase-h">Supabase</h2>
      {sb.state === 'error' && <ErrorNotice error={sb.error} />}
      <dl className="facts">
        <dt>Connection</dt>
        <dd data-testid="supabase-connection">
          {outbox.connected || value?.configured
            ? `connected${value?.user?.email ? ` as ${value.user.email}` : ''}`
            : 'not connected'}
        </dd>
        {value?.workspaceId && (
          <>
            <dt>Workspace</dt>
            <dd className="mono">{value.workspaceId}</dd>
          </>
        )}
        <dt>Changes waiting</dt>
        <dd data-testid="outbox-pending">{outbox.pending.toLocaleString()}</dd>
        <dt>Last push</dt>
        <dd>{relative(outbox.lastPushAt, now)}</dd>
        {outbox.lastError && (
          <>
            <dt>Error</dt>
            <dd className="error-text">{outbox.lastError}</dd>
          </>
        )}
        {outbox.quarantined > 0 && (
          <>
            <dt>Refused</dt>
            <dd data-testid="outbox-quarantined" className="error-text">
              {outbox.quarantined.toLocaleString()} change(s) the workspace refused as invalid; the others were pushed.
              Each is sent again when its event changes.
            </dd>
          </>
        )}
      </dl>
      {outbox.quarantine.length > 0 && (
        <ul className="quarantine" aria-label="Changes the workspace refused">
          {outbox.quarantine.map((q) => (
            <li key={`${q.calendarId}\u0000${q.eventId}`}>
              <span className="mono">{q.title ?? q.eventId}</span> ({q.calendarId}, {relative(q.at)}):{' '}
              <span className="error-text">{q.error}</span>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="link-button" onClick={onOpenSettings}>
        Supabase settings
      </button>
    </section>
  );
}
