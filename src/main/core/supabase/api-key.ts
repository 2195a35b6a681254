// The desktop app must only ever hold a project's public key. A service_role
// (or new-style secret) key bypasses RLS: shipped in a desktop app it would
// hand every workspace to whoever reads the config file.
import { AppError } from '../../../shared/errors';

function jwtClaim(key: string, claim: string): string | null {
  const parts = key.trim().split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    const value = (payload as Record<string, unknown> | null)?.[claim];
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

const jwtRole = (key: string) => jwtClaim(key, 'role');

/** Throws a user-facing AppError unless `key` is an anon / publishable key. */
export function assertPublicApiKey(key: string): void {
  const trimmed = key.trim();
  if (trimmed.startsWith('sb_secret_') || jwtRole(trimmed) === 'service_role') {
    throw new AppError(
      'not-configured',
      'This Supabase key is a secret (service_role) key, which bypasses row-level security and must never be put in a desktop app. ' +
        'Use the project\'s anon / publishable key (Project Settings → API) and sign in as yourself.',
    );
  }
  if (trimmed.startsWith('sb_publishable_')) return;
  const role = jwtRole(trimmed);
  if (role === null) {
    throw new AppError('not-configured', 'The Supabase key is not a valid anon key: paste the anon / publishable key from Project Settings → API.');
  }
  if (role !== 'anon') {
    throw new AppError('not-configured', `The Supabase key has role "${role}"; calsync needs the anon / publishable key.`);
  }
}

/**
 * The project an anon key was issued for (its `ref` claim), or null when the
 * key does not name one (publishable keys, local development keys).
 */
export function apiKeyProjectRef(key: string): string | null {
  return jwtClaim(key, 'ref') || null;
}
