// supabase-js (auth, PostgREST, realtime, storage clients) is loaded on first
// use, not at start: only a process that talks to Supabase pays for it, and
// `calsync status` or a sync without a workspace never does.
import type * as Supabase from '@supabase/supabase-js';
import type { AuthError } from '@supabase/supabase-js';

let loading: Promise<typeof Supabase> | null = null;

export function loadSupabase(): Promise<typeof Supabase> {
  return (loading ??= import('@supabase/supabase-js'));
}

/**
 * supabase-js's own `isAuthError`, without loading the library to ask: its
 * errors carry the `__isAuthError` brand (auth-js lib/errors.ts), and an error
 * can only come from it once it is loaded.
 */
export function isAuthError(error: unknown): error is AuthError {
  return typeof error === 'object' && error !== null && '__isAuthError' in error;
}
