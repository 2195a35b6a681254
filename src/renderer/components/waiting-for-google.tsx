// While a sign-in is under way at Google: say so, and give the consent URL as
// a link for when no browser page opened (a popup blocker, a closed tab).
import type { LoginState } from '../hooks/use-login';

export function WaitingForGoogle({ state }: { state: LoginState }) {
  if (state.phase !== 'waiting') return null;
  return (
    <p className="muted">
      Waiting for Google in your browser…
      {state.authUrl && (
        <>
          {' '}
          If no page opened,{' '}
          <a href={state.authUrl} target="_blank" rel="noopener noreferrer">
            open Google&apos;s page
          </a>
          .
        </>
      )}
    </p>
  );
}
