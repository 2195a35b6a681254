// The API operations of the Supabase workspace (DESIGN.md §4): connect, sign
// in as yourself (password or emailed code), sign out, disconnect, status,
// push now (optionally reconciling the workspace with the cache first).
import type { SupabaseStatus } from '../../../shared/api';
import type { EngineBus } from '../engine-bus';
import type { Logger } from '../log/logger';
import type { PushService } from '../push/push-service';
import type { WorkspaceLink } from '../push/workspace-link';
import { requestEmailOtp, signInWithPassword, verifyEmailOtp, type SupabaseUser } from '../supabase/auth';
import type { ApiImpl } from './validated-api';

export type SupabaseOps = Pick<
  ApiImpl,
  | 'supabaseStatus'
  | 'supabaseConnect'
  | 'supabaseSignIn'
  | 'supabaseSendCode'
  | 'supabaseVerifyCode'
  | 'supabaseSignOut'
  | 'supabaseDisconnect'
  | 'push'
>;

export interface SupabaseOpsDeps {
  link: WorkspaceLink;
  push: PushService;
  bus: EngineBus;
  log: Logger;
}

export function supabaseOps(d: SupabaseOpsDeps): SupabaseOps {
  const { link, push, bus } = d;

  const status = async (known?: SupabaseUser | null): Promise<SupabaseStatus> => {
    const cfg = link.refresh();
    let user: SupabaseUser | null = known ?? null;
    if (cfg && known === undefined) {
      try {
        user = await link.user();
      } catch (e) {
        // Offline with an expired session: who is signed in is unknown, not "nobody".
        d.log.warn({ err: (e as Error).message }, 'could not read the Supabase session');
      }
    }
    return {
      configured: cfg !== null,
      url: cfg?.url ?? null,
      workspaceId: cfg?.workspaceId ?? null,
      user,
      outbox: push.status(),
      fromEnv: link.envOverrides(),
    };
  };

  const changed = <T>(value: T): T => {
    bus.emit({ type: 'status-changed' });
    return value;
  };

  return {
    supabaseStatus: () => status(),
    supabaseConnect: async ({ url, anonKey, workspaceId }) => {
      await link.save({ url, anonKey, workspaceId });
      return changed(await status());
    },
    supabaseSignIn: async ({ email, password }) =>
      changed(await status(await signInWithPassword(await link.client(), email, password))),
    supabaseSendCode: async ({ email }) => {
      await requestEmailOtp(await link.client(), email);
      return { sent: true as const };
    },
    supabaseVerifyCode: async ({ email, code }) =>
      changed(await status(await verifyEmailOtp(await link.client(), email, code))),
    supabaseSignOut: async () => {
      await link.signOut();
      return changed(await status(null));
    },
    supabaseDisconnect: async ({ signOut }) => {
      const r = await link.disconnect({ signOut });
      push.cancelRetry();
      return changed({ ...r, status: await status(null) });
    },
    push: ({ reconcile }) => push.request('now', { reconcile }),
  };
}
