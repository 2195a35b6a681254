// How an engine error code reads as an HTTP status. The body always carries
// the code itself; the status is for proxies, logs and people with curl.
import type { ErrorCode } from '../../shared/errors';

const STATUS: Record<ErrorCode, number> = {
  'bad-input': 400,
  'not-found': 404,
  conflict: 409,
  locked: 409,
  'needs-login': 409,
  'needs-consent': 403,
  'not-configured': 409,
  'auth-failed': 502,
  'google-unavailable': 503,
  'google-error': 502,
  'budget-exceeded': 504,
  'supabase-error': 502,
  'storage-error': 500,
  internal: 500,
};

export function httpStatusFor(code: ErrorCode): number {
  return STATUS[code] ?? 500;
}
