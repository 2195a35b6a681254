// Accepting a block writes to Google Calendar, which calsync asks permission
// for only then (incremental consent): the engine answers needs-consent and
// this offers the sign-in that grants it.
import type { AppErrorData } from '../../../shared/errors';
import { InlineError } from '../../components/notices';
import { WaitingForGoogle } from '../../components/waiting-for-google';
import { useCapabilities } from '../../hooks/capabilities';
import { useLogin } from '../../hooks/use-login';

export function ConsentRequest({ error }: { error: AppErrorData }) {
  const caps = useCapabilities();
  const login = useLogin(caps.opensLoginPage);
  const email = (error.details as { email?: string } | undefined)?.email;
  return (
    <div className="notice warning" role="alert" data-testid="consent-request">
      <p>{error.message.replace(/ Run `[^`]+`[^.]*\.?/, '')}</p>
      {login.state.phase === 'done' ? (
        <p className="success">Allowed for {login.state.email}. Accept the block again.</p>
      ) : (
        <button
          type="button"
          onClick={() => void login.start({ write: true, ...(email ? { loginHint: email } : {}) })}
          disabled={login.state.phase === 'waiting'}
        >
          Allow calsync to add events
        </button>
      )}
      <WaitingForGoogle state={login.state} />
      {login.state.phase === 'failed' && <InlineError error={login.state.error} />}
    </div>
  );
}
