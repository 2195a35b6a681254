// The desktop's supabase-js client: the project's public key only, the
// session kept in the TokenVault under that project and refreshed on use (and
// in the background when asked).
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { AppError } from '../../../shared/errors';
import type { TokenVault } from '../secrets/token-vault';
import { assertPublicApiKey } from './api-key';
import { parseProjectUrl } from './project-url';
import { SUPABASE_STORAGE_KEY, supabaseProject, vaultAuthStorage } from './vault-storage';

export interface SupabaseClientOptions {
  url: string | null | undefined;
  anonKey: string | null | undefined;
  vault: TokenVault;
  /** Default true. A one-shot CLI command may turn the refresh timer off; the session still refreshes on use. */
  autoRefreshToken?: boolean;
  fetch?: typeof fetch;
}

export function createSupabaseClient(opts: SupabaseClientOptions): SupabaseClient {
  if (!opts.url?.trim() || !opts.anonKey?.trim()) {
    throw new AppError(
      'not-configured',
      'Supabase is not connected: set the project URL and anon key (CALSYNC_SUPABASE_URL, CALSYNC_SUPABASE_ANON_KEY).',
    );
  }
  const url = parseProjectUrl(opts.url);
  assertPublicApiKey(opts.anonKey);
  // The session lives under this project's own vault entry: a client for any
  // other project (URL or key's ref) never sees it.
  return createClient(url, opts.anonKey.trim(), {
    auth: {
      storage: vaultAuthStorage(opts.vault, supabaseProject(url, opts.anonKey)),
      storageKey: SUPABASE_STORAGE_KEY,
      persistSession: true,
      autoRefreshToken: opts.autoRefreshToken ?? true,
      detectSessionInUrl: false,
      flowType: 'implicit',
    },
    global: opts.fetch ? { fetch: opts.fetch } : {},
  });
}
