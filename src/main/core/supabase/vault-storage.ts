// supabase-js keeps its session (access + refresh token) in a storage it is
// given. Ours writes through the TokenVault, next to the Google tokens, so the
// session is protected the same way and never lands in the SQLite cache.
import type { SupportedStorage } from '@supabase/supabase-js';
import { registerSecretsIn } from '../../../shared/scrub';
import { vaultKeys, type TokenVault } from '../secrets/token-vault';

/** The storage key supabase-js is told to use; it maps to vaultKeys.supabaseSession. */
export const SUPABASE_STORAGE_KEY = 'calsync-supabase';

function vaultKey(key: string): string {
  if (key === SUPABASE_STORAGE_KEY) return vaultKeys.supabaseSession;
  // Side entries supabase-js may keep (e.g. "<storageKey>-code-verifier").
  const suffix = key.startsWith(`${SUPABASE_STORAGE_KEY}-`) ? key.slice(SUPABASE_STORAGE_KEY.length + 1) : key;
  return `${vaultKeys.supabaseSession}:${suffix}`;
}

export function vaultAuthStorage(vault: TokenVault): SupportedStorage {
  return {
    // The session's access and refresh tokens are scrubbed from logs and errors from the moment they are known.
    getItem: async (key: string) => {
      const value = await vault.get(vaultKey(key));
      registerSecretsIn(value);
      return value;
    },
    setItem: (key: string, value: string) => {
      registerSecretsIn(value);
      return vault.set(vaultKey(key), value);
    },
    removeItem: (key: string) => vault.delete(vaultKey(key)),
  };
}
