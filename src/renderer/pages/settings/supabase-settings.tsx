// Connecting a Supabase project (URL, public anon key, workspace) and the
// user's own sign-in to it. A service_role key is refused by the engine.
import { useState, type FormEvent } from 'react';
import { ErrorNotice, InlineError } from '../../components/notices';
import { relative } from '../../format/time';
import { useClient } from '../../hooks/client-context';
import { useAction } from '../../hooks/use-action';
import { useApi } from '../../hooks/use-api';
import { useReloadOn } from '../../hooks/use-engine-events';

export function SupabaseSettings() {
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
  const signIn = useAction(() => client.call('supabaseSignIn', { email, password }), () => {
    setPassword('');
    status.reload();
  });
  const sendCode = useAction(() => client.call('supabaseSendCode', { email }));
  const verify = useAction(() => client.call('supabaseVerifyCode', { email, code }), status.reload);
  const signOut = useAction(() => client.call('supabaseSignOut', {}), status.reload);
  const push = useAction(() => client.call('push', {}), status.reload);
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
          <dd>{relative(s.outbox.lastPushAt)}</dd>
        </dl>
      )}
      <form onSubmit={submit(() => void connect.go())} aria-label="Connect a Supabase project">
        <div className="field">
          <label htmlFor="sb-url">Project URL</label>
          <input id="sb-url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://xyz.supabase.co" required />
        </div>
        <div className="field">
          <label htmlFor="sb-key">Anon (public) key</label>
          <input id="sb-key" value={anonKey} onChange={(e) => setAnonKey(e.target.value)} required autoComplete="off" spellCheck={false} />
        </div>
        <div className="field">
          <label htmlFor="sb-ws">Workspace id</label>
          <input id="sb-ws" value={workspaceId} onChange={(e) => setWorkspaceId(e.target.value)} required spellCheck={false} />
        </div>
        <button type="submit" disabled={connect.busy}>
          Connect
        </button>
        <InlineError error={connect.error} />
      </form>
      <form onSubmit={submit(() => void signIn.go())} aria-label="Sign in to Supabase">
        <div className="field">
          <label htmlFor="sb-email">Email</label>
          <input id="sb-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="username" required />
        </div>
        <div className="field">
          <label htmlFor="sb-password">Password</label>
          <input id="sb-password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
        </div>
        <div className="row">
          <button type="submit" disabled={signIn.busy || !password}>
            Sign in
          </button>
          <button type="button" className="secondary" onClick={() => void sendCode.go()} disabled={sendCode.busy || !email}>
            Email me a code
          </button>
        </div>
        <InlineError error={signIn.error ?? sendCode.error} />
        <div className="field">
          <label htmlFor="sb-code">Code from the email</label>
          <input id="sb-code" inputMode="numeric" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="one-time-code" />
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
        <button type="button" className="secondary" onClick={() => void signOut.go()} disabled={signOut.busy || !s?.user}>
          Sign out of Supabase
        </button>
      </div>
      <InlineError error={push.error ?? signOut.error} />
    </section>
  );
}
