// Brings the stored session up to date before a full supabase-js client is
// built over it. A full client refreshes a due session by itself as soon as
// it exists (to announce its INITIAL_SESSION) and, when the server refuses,
// prints the refusal with console.error: a stack trace full of node_modules
// paths on the user's terminal. A bare auth client returns the same refusal
// as a value, removes the dead session, and prints nothing.
import { AuthClient } from '@supabase/supabase-js';
import type { AppError } from '../../../shared/errors';
import type { TokenVault } from '../secrets/token-vault';
import { fromAuthError } from './errors';
import { SUPABASE_STORAGE_KEY, vaultAuthStorage, type SupabaseProject } from './vault-storage';

/** Null when the stored session (if any) is usable now; otherwise why not, as a user-facing error. */
export async function settleStoredSessionNow(project: SupabaseProject, anonKey: string, vault: TokenVault, fetchImpl?: typeof fetch): Promise<AppError | null> {
  const key = anonKey.trim();
  const auth = new AuthClient({
    url: new URL('auth/v1', `${project.url}/`).href,
    headers: { Authorization: `Bearer ${key}`, apikey: key },
    storage: vaultAuthStorage(vault, project),
    storageKey: SUPABASE_STORAGE_KEY,
    persistSession: true,
    autoRefreshToken: false,
    detectSessionInUrl: false,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  const { error } = await auth.getSession();
  return error ? fromAuthError(error, 'refreshing the session') : null;
}
