// supabase-js keeps its session (access + refresh token) in a storage it is
// given. Ours writes through the TokenVault, next to the Google tokens, so the
// session is protected the same way and never lands in the SQLite cache.
//
// The storage is bound to one project (URL + the anon key's project ref): a
// client for another project reads another vault entry, so it starts signed
// out instead of sending this project's tokens to a server that never issued
// them.
import type { SupportedStorage } from '@supabase/supabase-js';
import { registerSecretsIn } from '../../../shared/scrub';
import { vaultKeys, type TokenVault } from '../secrets/token-vault';
import { apiKeyProjectRef } from './api-key';
import { parseProjectUrl } from './project-url';

/** The storage key supabase-js is told to use; it maps to the project's vaultKeys.supabaseSession. */
export const SUPABASE_STORAGE_KEY = 'calsync-supabase';

/** The project a session was issued by. */
export interface SupabaseProject {
  /** The project URL as parseProjectUrl writes it. */
  url: string;
  /** The anon key's `ref` claim; null when the key names none. */
  ref: string | null;
}

/** Throws AppError 'not-configured' for a URL calsync would not talk to. */
export function supabaseProject(url: string, anonKey: string): SupabaseProject {
  return { url: parseProjectUrl(url), ref: apiKeyProjectRef(anonKey) };
}

export const sameProject = (a: SupabaseProject, b: SupabaseProject) => a.url === b.url && a.ref === b.ref;

/** The vault entry holding `project`'s session. */
export const sessionVaultKey = (project: SupabaseProject) => vaultKeys.supabaseSession(`${project.url}#${project.ref ?? ''}`);

/** True for every vault entry that belongs to some Supabase session (any project, side entries, the legacy one). */
export const isSessionVaultKey = (key: string) => key === vaultKeys.supabaseLegacySession || key.startsWith(`${vaultKeys.supabaseLegacySession}@`) || key.startsWith(`${vaultKeys.supabaseLegacySession}:`);

function vaultKey(project: SupabaseProject, key: string): string {
  const base = sessionVaultKey(project);
  if (key === SUPABASE_STORAGE_KEY) return base;
  // Side entries supabase-js may keep (e.g. "<storageKey>-code-verifier").
  const suffix = key.startsWith(`${SUPABASE_STORAGE_KEY}-`) ? key.slice(SUPABASE_STORAGE_KEY.length + 1) : key;
  return `${base}:${suffix}`;
}

/** The origin named by the access token's `iss` claim (GoTrue sets `<project url>/auth/v1`), or null. */
function issuerOrigin(session: string): string | null {
  try {
    const token = (JSON.parse(session) as { access_token?: unknown }).access_token;
    const payload = typeof token === 'string' ? token.split('.')[1] : undefined;
    if (!payload) return null;
    const iss = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: unknown }).iss;
    return typeof iss === 'string' && /^https?:\/\//i.test(iss) ? new URL(iss).origin : null;
  } catch {
    return null;
  }
}

/**
 * A session stored before sessions were bound belongs to the project
 * configured now (the first client created reads it), unless its token names
 * another server as its issuer: then it is dropped, never sent anywhere.
 */
async function adoptLegacySession(vault: TokenVault, project: SupabaseProject): Promise<string | null> {
  const legacy = await vault.get(vaultKeys.supabaseLegacySession);
  if (legacy === null) return null;
  const issuer = issuerOrigin(legacy);
  const mine = issuer === null || issuer === new URL(project.url).origin;
  if (mine) await vault.set(sessionVaultKey(project), legacy);
  await vault.delete(vaultKeys.supabaseLegacySession);
  return mine ? legacy : null;
}

export function vaultAuthStorage(vault: TokenVault, project: SupabaseProject): SupportedStorage {
  return {
    // The session's access and refresh tokens are scrubbed from logs and errors from the moment they are known.
    getItem: async (key: string) => {
      const value = (await vault.get(vaultKey(project, key))) ?? (key === SUPABASE_STORAGE_KEY ? await adoptLegacySession(vault, project) : null);
      registerSecretsIn(value);
      return value;
    },
    setItem: (key: string, value: string) => {
      registerSecretsIn(value);
      return vault.set(vaultKey(project, key), value);
    },
    removeItem: (key: string) => vault.delete(vaultKey(project, key)),
  };
}
