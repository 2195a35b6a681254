// The desktop's supabase-js client: the project's public key only, the
// session kept in the TokenVault and refreshed in the background.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { AppError } from '../../../shared/errors';
import type { TokenVault } from '../secrets/token-vault';
import { assertPublicApiKey } from './api-key';
import { SUPABASE_STORAGE_KEY, vaultAuthStorage } from './vault-storage';

export interface SupabaseClientOptions {
  url: string | null | undefined;
  anonKey: string | null | undefined;
  vault: TokenVault;
  /** Default true. A one-shot CLI command may turn the refresh timer off; the session still refreshes on use. */
  autoRefreshToken?: boolean;
  fetch?: typeof fetch;
}

function projectUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError('not-configured', `The Supabase URL "${raw}" is not a URL; use the project URL, e.g. https://abcd.supabase.co.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('not-configured', `The Supabase URL must start with https:// (got ${url.protocol}).`);
  }
  return url.toString().replace(/\/+$/, '');
}

export function createSupabaseClient(opts: SupabaseClientOptions): SupabaseClient {
  if (!opts.url?.trim() || !opts.anonKey?.trim()) {
    throw new AppError(
      'not-configured',
      'Supabase is not connected: set the project URL and anon key (CALSYNC_SUPABASE_URL, CALSYNC_SUPABASE_ANON_KEY).',
    );
  }
  const url = projectUrl(opts.url);
  assertPublicApiKey(opts.anonKey);
  return createClient(url, opts.anonKey.trim(), {
    auth: {
      storage: vaultAuthStorage(opts.vault),
      storageKey: SUPABASE_STORAGE_KEY,
      persistSession: true,
      autoRefreshToken: opts.autoRefreshToken ?? true,
      detectSessionInUrl: false,
      flowType: 'implicit',
    },
    global: opts.fetch ? { fetch: opts.fetch } : {},
  });
}
