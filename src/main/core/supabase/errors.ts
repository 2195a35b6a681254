// Supabase failures as AppErrors: a stable code for programs, a sentence for
// people, and `details.retryable` so the pusher knows whether waiting helps.
import type { PostgrestError } from '@supabase/supabase-js';
import { AppError } from '../../../shared/errors';
import { isAuthError } from './auth-client';

export interface SupabaseErrorDetails {
  status: number;
  code: string;
  retryable: boolean;
}

/** True for a failure that may go away by itself (outage, timeout, rate limit, 5xx): keep the work queued. */
export function isRetryableSupabaseError(e: unknown): boolean {
  return e instanceof AppError && (e.details as Partial<SupabaseErrorDetails> | undefined)?.retryable === true;
}

/** What to do once the session is gone for good: the same words wherever it is noticed. */
export const SIGN_IN_AGAIN = 'sign in again: `calsync supabase login --email <you>`';

// GoTrue's answers to a refresh (or a token check) that can never succeed
// again: the session was revoked, timed out, or its refresh token was reused.
const DEAD_SESSION_CODES = new Set(['refresh_token_not_found', 'refresh_token_already_used', 'session_not_found', 'session_expired', 'user_not_found']);

const retryableStatus = (status: number) => status === 0 || status === 408 || status === 429 || status >= 500;

/** An error of a PostgREST call (`.rpc()`, `.from()`), with its HTTP status. */
export function fromPostgrestError(error: PostgrestError, status: number, what: string): AppError {
  const details: SupabaseErrorDetails = { status, code: error.code ?? '', retryable: retryableStatus(status) };
  if (status === 0) {
    return new AppError('supabase-error', `Supabase is unreachable (${what}); the change stays queued and is sent when it is back.`, details);
  }
  if (status === 401) {
    return new AppError('auth-failed', `Not signed in to Supabase, or the session has expired: ${SIGN_IN_AGAIN}.`, details);
  }
  if (error.code === '42501') {
    return new AppError('auth-failed', `Supabase refused ${what}: ${error.message}. Is this account a member of the workspace?`, details);
  }
  if (error.code === 'PGRST202' || error.code === 'PGRST205') {
    return new AppError(
      'supabase-error',
      `The Supabase project lacks calsync's schema (${error.message}); apply supabase/migrations with \`supabase db push\`.`,
      details,
    );
  }
  return new AppError('supabase-error', `Supabase ${what} failed: ${error.message}`, details);
}

/** An error of supabase-js auth (sign-in, OTP, sign-out). */
export function fromAuthError(error: unknown, what: string): AppError {
  if (!isAuthError(error)) {
    return new AppError('supabase-error', `Supabase ${what} failed: ${(error as Error)?.message ?? String(error)}`);
  }
  const status = error.status ?? 0;
  const details: SupabaseErrorDetails = { status, code: error.code ?? '', retryable: retryableStatus(status) };
  if (error.name === 'AuthRetryableFetchError' || status === 0 || status >= 500) {
    return new AppError('supabase-error', `Supabase is unreachable (${what}): ${error.message}`, details);
  }
  if (DEAD_SESSION_CODES.has(error.code ?? '') || error.name === 'AuthSessionMissingError') {
    return new AppError('auth-failed', `The Supabase session has ended and cannot be refreshed: ${SIGN_IN_AGAIN}.`, details);
  }
  switch (error.code) {
    case 'invalid_credentials':
      return new AppError('auth-failed', 'Supabase sign-in failed: wrong email or password.', details);
    case 'otp_expired':
      return new AppError('auth-failed', 'That sign-in code has expired or is not valid; ask for a new one.', details);
    case 'otp_disabled':
    case 'signup_disabled':
      return new AppError('auth-failed', 'No Supabase account uses this email address.', details);
    case 'over_email_send_rate_limit':
    case 'over_request_rate_limit':
      return new AppError('auth-failed', 'Too many attempts; wait a minute and try again.', { ...details, retryable: true });
    default:
      return new AppError('auth-failed', `Supabase ${what} failed: ${error.message}`, details);
  }
}
