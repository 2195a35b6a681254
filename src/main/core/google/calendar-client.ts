// The googleapis Calendar client as calsync uses it: no hidden retries (the
// engine retries, within its budget), a request timeout, and the hook that
// lets one 401 force a token refresh.
import { calendar, type calendar_v3 } from 'googleapis/build/src/apis/calendar/index.js';
import type { OAuth2Client } from 'google-auth-library';
import type { RetryHooks } from './retry';

export function calendarClient(
  auth: OAuth2Client,
  rootUrl: string,
  timeoutMs: number,
): { api: calendar_v3.Calendar; hooks: RetryHooks } {
  return {
    api: calendar({ version: 'v3', auth, rootUrl, retry: false, timeout: timeoutMs, retryConfig: { retry: 0 } }),
    // An expiry in the past makes google-auth-library refresh before the next request.
    hooks: { reauthorize: () => auth.setCredentials({ ...auth.credentials, expiry_date: 1 }) },
  };
}
