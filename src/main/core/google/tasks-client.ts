// The googleapis Tasks v1 client as calsync uses it: like the Calendar client,
// no hidden retries (the engine retries, within its budget), a request timeout,
// and the hook that lets one 401 force a token refresh.
import { tasks, type tasks_v1 } from 'googleapis/build/src/apis/tasks/index.js';
import type { OAuth2Client } from 'google-auth-library';
import type { RetryHooks } from './retry';

export function tasksClient(
  auth: OAuth2Client,
  rootUrl: string,
  timeoutMs: number,
): { api: tasks_v1.Tasks; hooks: RetryHooks } {
  return {
    api: tasks({ version: 'v1', auth, rootUrl, retry: false, timeout: timeoutMs, retryConfig: { retry: 0 } }),
    // An expiry in the past makes google-auth-library refresh before the next request.
    hooks: { reauthorize: () => auth.setCredentials({ ...auth.credentials, expiry_date: 1 }) },
  };
}
