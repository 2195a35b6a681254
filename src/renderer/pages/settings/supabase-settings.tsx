// Connecting a Supabase project (URL, public anon key, workspace) and the
// user's own sign-in to it. A service_role key is refused by the engine.
// Disconnecting asks first: it drops the changes still queued for the workspace.
import { useState, type FormEvent } from 'react';
import { ErrorNotice, InlineError } from '../../components/notices';
import { relative } from '../../format/time';
import { useNow } from '../../hooks/use-now';
import { useClient } from '../../hooks/client-context';
import { useAction } from '../../hooks/use-action';
import { useApi } from '../../hooks/use-api';
import { useReloadOn } from '../../hooks/use-engine-events';

export function SupabaseSettings() {
  const now = useNow();
  const client = useClient();
  const status = useApi('supabaseStatus', {});
  useReloadOn(['push-finished', 'status-changed'], status.reload);
  const [url, setUrl] = useState('');
  const [anonKey, setAnonKey] = useState('');
  const [workspaceId, setWorkspaceId] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const connect = useAction(() => client.call('supabaseConnect', { url, anonKey, workspaceId }), status.reload);
  const signIn = useAction(
    () => client.call('supabaseSignIn', { email, password }),
    () => {
      setPassword('');
      status.reload();
    },
  );
  const sendCode = useAction(() => client.call('supabaseSendCode', { email }));
  const verify = useAction(() => client.call('supabaseVerifyCode', { email, code }), status.reload);
  const signOut = useAction(() => client.call('supabaseSignOut', {}), status.reload);
  const push = useAction(() => client.call('push', {}), status.reload);
  const [confirming, setConfirming] = useState(false);
  const [left, setLeft] = useState<string | null>(null);
  const disconnect = useAction(
    () => client.call('supabaseDisconnect', { signOut: false }),
    (r) => {
      setConfirming(false);
      setLeft(
        `Disconnected; ${r.dropped.toLocaleString()} queued change(s) dropped. Rows already in the workspace stay.`,
      );
      status.reload();
    },
  );
  const s = status.value;
  const submit = (fn: () => void) => (e: FormEvent) => {
    e.preventDefault();
    fn();
  };

  return (
    <section className="card" aria-labelledby="sb-h">
      <h2 id="sb-h">Supabase</h2>
      {status.state === 'error' && <ErrorNotice error={status.error} onRetry={status.reload} />}
      {s && (
        <dl className="facts">
          <dt>Project</dt>
          <dd>{s.url ?? 'not connected'}</dd>
          <dt>Signed in</dt>
          <dd>{s.user ? (s.user.email ?? s.user.id) : 'no'}</dd>
          <dt>Changes waiting</dt>
          <dd>{s.outbox.pending.toLocaleString()}</dd>
          <dt>Last push</dt>
          <dd>{relative(s.outbox.lastPushAt, now)}</dd>
        </dl>
      )}
      {s && s.fromEnv.length > 0 && (
        <p className="muted">Set in the environment, which overrides these settings: {s.fromEnv.join(', ')}.</p>
      )}
      <form onSubmit={submit(() => void connect.go())} aria-label="Connect a Supabase project">
        <div className="field">
          <label htmlFor="sb-url">Project URL</label>
          <input
            id="sb-url"
            type="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://xyz.supabase.co"
            required
          />
        </div>
        <div className="field">
          <label htmlFor="sb-key">Anon (public) key</label>
          <input
            id="sb-key"
            value={anonKey}
            onChange={(e) => setAnonKey(e.target.value)}
            required
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <div className="field">
          <label htmlFor="sb-ws">Workspace id</label>
          <input
            id="sb-ws"
            value={workspaceId}
            onChange={(e) => setWorkspaceId(e.target.value)}
            required
            spellCheck={false}
          />
        </div>
        <button type="submit" disabled={connect.busy}>
          Connect
        </button>
        <InlineError error={connect.error} />
      </form>
      <form onSubmit={submit(() => void signIn.go())} aria-label="Sign in to Supabase">
        <div className="field">
          <label htmlFor="sb-email">Email</label>
          <input
            id="sb-email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoComplete="username"
            required
          />
        </div>
        <div className="field">
          <label htmlFor="sb-password">Password</label>
          <input
            id="sb-password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
          />
        </div>
        <div className="row">
          <button type="submit" disabled={signIn.busy || !password}>
            Sign in
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => void sendCode.go()}
            disabled={sendCode.busy || !email}
          >
            Email me a code
          </button>
        </div>
        <InlineError error={signIn.error ?? sendCode.error} />
        <div className="field">
          <label htmlFor="sb-code">Code from the email</label>
          <input
            id="sb-code"
            inputMode="numeric"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="one-time-code"
          />
        </div>
        <button type="button" className="secondary" onClick={() => void verify.go()} disabled={verify.busy || !code}>
          Verify code
        </button>
        <InlineError error={verify.error} />
      </form>
      <div className="row">
        <button type="button" className="secondary" onClick={() => void push.go()} disabled={push.busy}>
          Push now
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => void signOut.go()}
          disabled={signOut.busy || !s?.user}
        >
          Sign out of Supabase
        </button>
      </div>
      <InlineError error={push.error ?? signOut.error} />
      {s?.configured &&
        (confirming ? (
          <div className="row" role="group" aria-label="Confirm disconnecting">
            <span>
              Stop pushing to this workspace and drop the {s.outbox.pending.toLocaleString()} change(s) still queued?
              Rows already in the workspace stay.
            </span>
            <button type="button" className="danger" onClick={() => void disconnect.go()} disabled={disconnect.busy}>
              Disconnect
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Stay connected
            </button>
          </div>
        ) : (
          <div className="row">
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setLeft(null);
                setConfirming(true);
              }}
            >
              Disconnect…
            </button>
          </div>
        ))}
      {left && !s?.configured && <p role="status">{left}</p>}
      <InlineError error={disconnect.error} />
    </section>
  );
}
