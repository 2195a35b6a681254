// supabase-js (auth, PostgREST, realtime, storage clients) is loaded on first
// use, not at start (settle-session.ts and workspace-link.ts import it by
// import()): only a process that talks to Supabase pays for it. What must be
// known without loading it lives here.
import type { AuthError } from '@supabase/supabase-js';

/**
 * supabase-js's own `isAuthError`, without loading the library to ask: its
 * errors carry the `__isAuthError` brand (auth-js lib/errors.ts), and an error
 * can only come from it once it is loaded.
 */
export function isAuthError(error: unknown): error is AuthError {
  return typeof error === 'object' && error !== null && '__isAuthError' in error;
}
