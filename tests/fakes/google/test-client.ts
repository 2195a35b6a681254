// Drives the fake through the real google-auth-library / googleapis clients,
// as the engine does. Used by this folder's tests and open to other tests.
import { google, type calendar_v3, type tasks_v1 } from 'googleapis';
import { CodeChallengeMethod, OAuth2Client } from 'google-auth-library';
import type { FakeGoogle } from './index';

export const SCOPES = {
  calendarReadonly: 'https://www.googleapis.com/auth/calendar.readonly',
  calendarEvents: 'https://www.googleapis.com/auth/calendar.events',
  calendar: 'https://www.googleapis.com/auth/calendar',
  tasksReadonly: 'https://www.googleapis.com/auth/tasks.readonly',
  tasks: 'https://www.googleapis.com/auth/tasks',
};

export const REDIRECT_URI = 'http://127.0.0.1:53682/oauth2callback';

export function oauthClient(fake: FakeGoogle, redirectUri = REDIRECT_URI): OAuth2Client {
  return new OAuth2Client({
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
    redirectUri,
    endpoints: {
      oauth2AuthBaseUrl: fake.env.CALSYNC_GOOGLE_AUTH_URL,
      oauth2TokenUrl: fake.env.CALSYNC_GOOGLE_TOKEN_URL,
      oauth2RevokeUrl: fake.env.CALSYNC_GOOGLE_REVOKE_URL,
      tokenInfoUrl: `${fake.baseUrl}tokeninfo`,
    },
  });
}

/** Follows the consent redirect by hand (no browser): returns the query the loopback listener would receive. */
export async function authorize(url: string): Promise<URLSearchParams> {
  const res = await fetch(url, { redirect: 'manual' });
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`authorize answered ${res.status}: ${await res.text()}`);
  return new URL(location).searchParams;
}

export interface LoginOptions {
  email: string;
  scopes?: string[];
  pkce?: 'S256' | 'plain' | 'none';
  offline?: boolean;
  prompt?: string;
  /** Incremental authorization: the new grant also covers what the user granted before. */
  includeGrantedScopes?: boolean;
}

/** The full installed-app flow with PKCE: consent as `email`, exchange the code, return a ready client. */
export async function login(
  fake: FakeGoogle,
  o: LoginOptions,
): Promise<{ client: OAuth2Client; code: string; verifier?: string }> {
  const client = oauthClient(fake);
  fake.setConsentUser(o.email);
  const pkce = o.pkce ?? 'S256';
  let verifier: string | undefined;
  let challenge: string | undefined;
  if (pkce === 'S256')
    ({ codeVerifier: verifier, codeChallenge: challenge } = await client.generateCodeVerifierAsync());
  if (pkce === 'plain') verifier = challenge = 'plain-verifier-with-at-least-forty-three-characters-0123456789';
  const url = client.generateAuthUrl({
    access_type: o.offline === false ? 'online' : 'offline',
    scope: o.scopes ?? ['openid', 'email', SCOPES.calendar, SCOPES.tasks],
    state: 'state-123',
    ...(o.prompt ? { prompt: o.prompt } : {}),
    ...(o.includeGrantedScopes ? { include_granted_scopes: true } : {}),
    ...(challenge
      ? {
          code_challenge: challenge,
          code_challenge_method: pkce === 'S256' ? CodeChallengeMethod.S256 : CodeChallengeMethod.Plain,
        }
      : {}),
  });
  const params = await authorize(url);
  const code = params.get('code') as string;
  const { tokens } = await client.getToken({ code, codeVerifier: verifier });
  client.setCredentials(tokens);
  return { client, code, verifier };
}

export function calendarApi(fake: FakeGoogle, auth: OAuth2Client): calendar_v3.Calendar {
  return google.calendar({ version: 'v3', auth, rootUrl: fake.baseUrl });
}

export function tasksApi(fake: FakeGoogle, auth: OAuth2Client): tasks_v1.Tasks {
  return google.tasks({ version: 'v1', auth, rootUrl: fake.baseUrl });
}

/** The HTTP status of a rejected googleapis call (gaxios error), or 0 for a network error. */
export async function statusOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (e) {
    const status =
      (e as { status?: number; response?: { status?: number } }).response?.status ?? (e as { status?: number }).status;
    return status ?? 0;
  }
}
