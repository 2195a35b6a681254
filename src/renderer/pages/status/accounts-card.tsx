import type { Account } from '../../../shared/domain';
import { InlineError } from '../../components/notices';
import { WaitingForGoogle } from '../../components/waiting-for-google';
import { StatusBadge } from '../../components/status-badge';
import { useCapabilities } from '../../hooks/capabilities';
import { formatDateTime } from '../../format/time';
import { useZone } from '../../format/zone-context';
import { useLogin } from '../../hooks/use-login';

export function AccountsCard({ accounts }: { accounts: Account[] }) {
  const caps = useCapabilities();
  const zone = useZone();
  const login = useLogin(caps.opensLoginPage);
  const waiting = login.state.phase === 'waiting';
  return (
    <section className="card" aria-labelledby="accounts-h">
      <h2 id="accounts-h">Google accounts</h2>
      {accounts.length === 0 ? (
        <p>No account yet. Sign in with Google so calsync can read your calendars.</p>
      ) : (
        <ul className="plain-list">
          {accounts.map((a) => (
            <li key={a.id} className="account-row" data-testid="account">
              <span className="account-email">{a.email}</span> <StatusBadge status={a.status} />
              <span className="muted">{a.canWrite ? ' · reads and adds events' : ' · reads calendars'}</span>
              {a.statusReason && <span className="muted"> — {a.statusReason}</span>}
              {a.signInExpiresAt && a.status === 'active' && (
                <span className="warning-text"> · sign-in ends {formatDateTime(a.signInExpiresAt, zone)}</span>
              )}
              {(a.status !== 'active' || a.signInExpiresAt) && (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => void login.start({ write: a.canWrite, loginHint: a.email })}
                  disabled={waiting}
                  aria-label={`Sign in again as ${a.email}`}
                >
                  Sign in again
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        <button type="button" onClick={() => void login.start()} disabled={waiting}>
          {accounts.length ? 'Add another account' : 'Sign in with Google'}
        </button>
      </div>
      <div aria-live="polite">
        <WaitingForGoogle state={login.state} />
        {login.state.phase === 'done' && <p className="success">Signed in as {login.state.email}.</p>}
      </div>
      {login.state.phase === 'failed' && <InlineError error={login.state.error} />}
    </section>
  );
}
