// Signing the desktop user in to Supabase as themselves (email + password, or
// a one-time code sent by email). supabase-js writes the session to the vault
// through the client's storage adapter and refreshes it; these functions turn
// its results into AppErrors with sentences for people.
import type { SupabaseClient, User } from '@supabase/supabase-js';
import { AppError } from '../../../shared/errors';
import type { TokenVault } from '../secrets/token-vault';
import { fromAuthError } from './errors';
import { sessionVaultKey, type SupabaseProject } from './vault-storage';

export interface SupabaseUser {
  id: string;
  email: string | null;
}

const toUser = (u: User): SupabaseUser => ({ id: u.id, email: u.email ?? null });

function checkEmail(email: string): string {
  const trimmed = email.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(trimmed)) throw new AppError('auth-failed', `"${email}" is not an email address.`);
  return trimmed;
}

export async function signInWithPassword(client: SupabaseClient, email: string, password: string): Promise<SupabaseUser> {
  const { data, error } = await client.auth.signInWithPassword({ email: checkEmail(email), password });
  if (error) throw fromAuthError(error, 'sign-in');
  if (!data.user) throw new AppError('auth-failed', 'Supabase sign-in returned no user.');
  return toUser(data.user);
}

/**
 * Emails a one-time code. By default only existing accounts get one: the
 * desktop signs in to a workspace someone set up, it does not sign people up.
 */
export async function requestEmailOtp(client: SupabaseClient, email: string, opts: { createUser?: boolean } = {}): Promise<void> {
  const { error } = await client.auth.signInWithOtp({ email: checkEmail(email), options: { shouldCreateUser: opts.createUser ?? false } });
  if (error) throw fromAuthError(error, 'sending the sign-in code');
}

export async function verifyEmailOtp(client: SupabaseClient, email: string, code: string): Promise<SupabaseUser> {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6,10}$/.test(token)) throw new AppError('auth-failed', 'The sign-in code is the number from the email (6 digits or more).');
  const { data, error } = await client.auth.verifyOtp({ email: checkEmail(email), token, type: 'email' });
  if (error) throw fromAuthError(error, 'checking the sign-in code');
  if (!data.user || !data.session) throw new AppError('auth-failed', 'Supabase accepted the code but started no session.');
  return toUser(data.user);
}

/** The signed-in user from the stored session (refreshing it if due), or null. */
export async function currentUser(client: SupabaseClient): Promise<SupabaseUser | null> {
  const { data, error } = await client.auth.getSession();
  if (error) throw fromAuthError(error, 'reading the session');
  return data.session ? toUser(data.session.user) : null;
}

/**
 * Ends this device's session. The stored session is removed even when the
 * server cannot be told (offline): signing out must always work locally.
 */
export async function signOut(client: SupabaseClient, vault: TokenVault, project: SupabaseProject): Promise<{ serverNotified: boolean }> {
  const { error } = await client.auth.signOut({ scope: 'local' });
  if (error) await vault.delete(sessionVaultKey(project));
  return { serverNotified: !error };
}
