// "Sign in with Google": the engine starts a loopback login and answers with
// Google's consent URL; the outcome arrives later as a login-finished event.
// A browser tab is opened during the click (popup blockers allow that) and
// sent to the URL once it is known; the Electron shell opens the system
// browser itself.
import { useState } from 'react';
import type { AppErrorData } from '../../shared/errors';
import { useClient } from './client-context';
import { useEngineEvents } from './use-engine-events';

export type LoginState =
  | { phase: 'idle' }
  | { phase: 'waiting'; authUrl: string | null }
  | { phase: 'done'; email: string }
  | { phase: 'failed'; error: AppErrorData };

export function useLogin(opensLoginPage: boolean) {
  const client = useClient();
  const [state, setState] = useState<LoginState>({ phase: 'idle' });
  useEngineEvents((e) => {
    if (e.type !== 'login-finished') return;
    setState(
      e.ok && e.account
        ? { phase: 'done', email: e.account.email }
        : { phase: 'failed', error: { code: e.code ?? 'auth-failed', message: e.error ?? 'sign-in failed' } },
    );
  });
  /** `write`: also ask to create events; `tasks`: to read Google Tasks; `loginHint`: the account to pre-select at Google. */
  const start = async (opts: { write?: boolean; tasks?: boolean; loginHint?: string } = {}) => {
    const tab = opensLoginPage ? null : window.open('about:blank', '_blank');
    setState({ phase: 'waiting', authUrl: null });
    const r = await client.call('startLogin', {
      write: opts.write ?? false,
      tasks: opts.tasks ?? false,
      ...(opts.loginHint ? { loginHint: opts.loginHint } : {}),
    });
    if (!r.ok) {
      tab?.close();
      setState({ phase: 'failed', error: r.error });
      return;
    }
    if (tab) {
      // Google's page gets no handle back to this window.
      tab.opener = null;
      tab.location.href = r.value.authUrl;
    }
    setState((s) => (s.phase === 'waiting' ? { phase: 'waiting', authUrl: r.value.authUrl } : s));
  };
  return { state, start };
}
