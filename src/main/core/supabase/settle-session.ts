// Settles the stored Supabase session before a client is built (see
// settle-session-impl.ts). supabase-js loads here, on first use, not when the
// process starts: a static import of AuthClient in a chunk loaded by import()
// (esbuild re-exports supabase-js's CommonJS auth-js at run time, which a
// dynamic import()'s namespace would not carry).
import type { AppError } from '../../../shared/errors';
import type { TokenVault } from '../secrets/token-vault';
import type { SupabaseProject } from './vault-storage';

/** Null when the stored session (if any) is usable now; otherwise why not, as a user-facing error. */
export async function settleStoredSession(project: SupabaseProject, anonKey: string, vault: TokenVault, fetchImpl?: typeof fetch): Promise<AppError | null> {
  const { settleStoredSessionNow } = await import('./settle-session-impl');
  return settleStoredSessionNow(project, anonKey, vault, fetchImpl);
}
