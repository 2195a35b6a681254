// The OAuth 2.0 installed-app flow against the fake, through google-auth-library.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGoogle, type FakeGoogle } from './index';
import { authorize, calendarApi, login, oauthClient, REDIRECT_URI, SCOPES, statusOf } from './test-client';

const EMAIL = 'ada@example.test';
let fake: FakeGoogle;
let clock: number;

beforeEach(async () => {
  clock = Date.parse('2026-07-01T09:00:00Z');
  fake = await startFakeGoogle({ now: () => clock, seed: 7 });
  fake.addUser({ email: EMAIL, name: 'Ada' });
});
afterEach(() => fake.close());

function decodeJwt(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Authorize with a challenge and return the code, without exchanging it. */
async function codeFor(
  challenge: { code_challenge?: string; code_challenge_method?: string } = {},
  extra: Record<string, string> = {},
): Promise<string> {
  fake.setConsentUser(EMAIL);
  const url = oauthClient(fake).generateAuthUrl({
    access_type: 'offline',
    scope: ['openid', 'email', SCOPES.calendarReadonly],
    state: 's1',
    ...challenge,
    ...extra,
  } as never);
  return (await authorize(url)).get('code') as string;
}

async function tokenError(body: Record<string, string>): Promise<{ status: number; json: Record<string, string> }> {
  const res = await fetch(fake.env.CALSYNC_GOOGLE_TOKEN_URL as string, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: fake.clientId,
      client_secret: fake.clientSecret,
      grant_type: 'authorization_code',
      redirect_uri: REDIRECT_URI,
      ...body,
    }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, string> };
}

describe('authorization code + PKCE', () => {
  it('S256: redirect echoes state, token response has Google fields and a decodable id_token', async () => {
    const client = oauthClient(fake);
    const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
    fake.setConsentUser(EMAIL);
    const params = await authorize(
      client.generateAuthUrl({
        access_type: 'offline',
        scope: ['openid', 'email', SCOPES.calendarReadonly],
        state: 'xyz',
        code_challenge: codeChallenge,
        code_challenge_method: 'S256' as never,
      }),
    );
    expect(params.get('state')).toBe('xyz');
    expect(params.get('code')).toMatch(/^4\/0A/);
    expect(params.get('scope')).toContain('https://www.googleapis.com/auth/userinfo.email');
    const { tokens } = await client.getToken({ code: params.get('code') as string, codeVerifier });
    expect(tokens.access_token).toMatch(/^ya29\./);
    expect(tokens.refresh_token).toMatch(/^1\/\/0/);
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.scope?.split(' ')).toEqual([
      'openid',
      'https://www.googleapis.com/auth/userinfo.email',
      SCOPES.calendarReadonly,
    ]);
    expect(tokens.expiry_date).toBeGreaterThan(Date.now());
    const claims = decodeJwt(tokens.id_token as string);
    expect(claims).toMatchObject({
      iss: 'https://accounts.google.com',
      aud: fake.clientId,
      email: EMAIL,
      email_verified: true,
    });
    expect(claims.sub).toMatch(/^\d{21}$/);
    expect(claims.exp).toBe((claims.iat as number) + 3600);
    expect(fake.issuedTokens()).toEqual(
      expect.arrayContaining([params.get('code'), tokens.access_token, tokens.refresh_token, tokens.id_token]),
    );
  });

  it('plain PKCE works; no id_token without an identity scope', async () => {
    const { client } = await login(fake, { email: EMAIL, pkce: 'plain', scopes: [SCOPES.calendarReadonly] });
    expect(client.credentials.access_token).toBeTruthy();
    expect(client.credentials.id_token).toBeUndefined();
  });

  it('missing verifier → 400 invalid_grant "Missing code verifier."', async () => {
    const code = await codeFor({ code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' });
    expect(await tokenError({ code })).toEqual({
      status: 400,
      json: { error: 'invalid_grant', error_description: 'Missing code verifier.' },
    });
  });

  it('wrong verifier → 400 invalid_grant, and the code is spent', async () => {
    const verifier = 'v'.repeat(50);
    const code = await codeFor({ code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' });
    expect(await tokenError({ code, code_verifier: verifier })).toEqual({
      status: 400,
      json: { error: 'invalid_grant', error_description: 'Invalid code verifier.' },
    });
    expect((await tokenError({ code, code_verifier: verifier })).json.error).toBe('invalid_grant');
  });

  it('a verifier without a challenge is refused as Google does', async () => {
    const code = await codeFor();
    expect((await tokenError({ code, code_verifier: 'v'.repeat(50) })).json).toEqual({
      error: 'invalid_grant',
      error_description: 'code_verifier or verifier is not needed.',
    });
  });

  it('codes are single use and expire after 10 minutes', async () => {
    const code = await codeFor();
    expect((await tokenError({ code })).status).toBe(200);
    expect((await tokenError({ code })).json).toEqual({ error: 'invalid_grant', error_description: 'Bad Request' });
    const late = await codeFor();
    clock += 10 * 60 * 1000 + 1;
    expect((await tokenError({ code: late })).json.error).toBe('invalid_grant');
    expect((await tokenError({ code: 'garbage' })).json).toEqual({
      error: 'invalid_grant',
      error_description: 'Malformed auth code.',
    });
  });

  it('redirect_uri must equal the one authorized; the client must authenticate', async () => {
    expect((await tokenError({ code: await codeFor(), redirect_uri: 'http://127.0.0.1:1/other' })).json.error).toBe(
      'redirect_uri_mismatch',
    );
    expect(await tokenError({ code: await codeFor(), client_secret: 'nope' })).toEqual({
      status: 401,
      json: { error: 'invalid_client', error_description: 'Unauthorized' },
    });
    expect((await tokenError({ code: await codeFor(), client_id: 'other' })).status).toBe(401);
  });
});

describe('authorize endpoint', () => {
  const url = (q: Record<string, string>) =>
    `${fake.env.CALSYNC_GOOGLE_AUTH_URL}?${new URLSearchParams({ client_id: fake.clientId, redirect_uri: REDIRECT_URI, response_type: 'code', scope: 'openid email', ...q })}`;

  it.each([
    [{ redirect_uri: 'https://evil.example/cb' }, 400, 'redirect_uri_mismatch'],
    [{ redirect_uri: 'urn:ietf:wg:oauth:2.0:oob' }, 400, 'redirect_uri_mismatch'],
    [{ client_id: 'unknown.apps.googleusercontent.com' }, 401, 'invalid_client'],
    [{ response_type: 'token' }, 400, 'unsupported_response_type'],
    [{ scope: '' }, 400, 'invalid_request'],
    [{ scope: 'calendar' }, 400, 'invalid_scope'],
    [{ code_challenge: 'x'.repeat(43), code_challenge_method: 'S512' }, 400, 'invalid_request'],
  ])('refuses %o on its own page, without redirecting', async (q, status, error) => {
    fake.setConsentUser(EMAIL);
    const res = await fetch(url(q), { redirect: 'manual' });
    expect(res.status).toBe(status);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain(`Error ${status}: ${error}`);
  });

  it('accepts localhost and [::1] loopback redirects', async () => {
    fake.setConsentUser(EMAIL);
    for (const r of ['http://localhost:8080/', 'http://[::1]:9000/cb']) {
      const res = await fetch(url({ redirect_uri: r, state: 'a' }), { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')?.startsWith(r)).toBe(true);
    }
  });

  it('denyNextConsent → redirect with error=access_denied and the state', async () => {
    fake.setConsentUser(EMAIL);
    fake.denyNextConsent();
    const params = await authorize(url({ state: 'st' }));
    expect(Object.fromEntries(params)).toEqual({ error: 'access_denied', state: 'st' });
    expect((await authorize(url({ state: 'st' }))).get('code')).toBeTruthy();
  });

  it('without a consent user: an HTML page with real forms for approve and deny', async () => {
    fake.addUser({ email: 'bob@example.test' });
    fake.setConsentUser(null);
    const page = await (await fetch(url({ state: 'p', login_hint: 'bob@example.test' }))).text();
    expect(page).toContain('<form id="approve" method="post" action="/o/oauth2/v2/auth/consent">');
    expect(page).toContain('value="bob@example.test" checked');
    const request = /name="request" value="([^"]+)"/.exec(page)?.[1] as string;
    const approve = await fetch(`${fake.baseUrl}o/oauth2/v2/auth/consent`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request, decision: 'approve', email: 'bob@example.test' }),
    });
    const loc = new URL(approve.headers.get('location') as string);
    expect(loc.searchParams.get('state')).toBe('p');
    expect(loc.searchParams.get('code')).toBeTruthy();
    const page2 = await (await fetch(url({ state: 'q' }))).text();
    const request2 = /name="request" value="([^"]+)"/.exec(page2)?.[1] as string;
    const deny = await fetch(`${fake.baseUrl}o/oauth2/v2/auth/consent`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request: request2, decision: 'deny' }),
    });
    expect(new URL(deny.headers.get('location') as string).searchParams.get('error')).toBe('access_denied');
  });
});

describe('refresh and revoke', () => {
  it('refresh_token grant issues a new access token; the client refreshes on its own', async () => {
    const { client } = await login(fake, { email: EMAIL });
    const first = client.credentials.access_token;
    const bare = oauthClient(fake);
    bare.setCredentials({ refresh_token: client.credentials.refresh_token });
    const res = await calendarApi(fake, bare).calendarList.list();
    expect(res.data.items?.[0]?.id).toBe(EMAIL);
    expect(bare.credentials.access_token).not.toBe(first);
    expect(bare.credentials.refresh_token).toBe(client.credentials.refresh_token);
  });

  it('expired access tokens get 401 authError with WWW-Authenticate', async () => {
    const { client } = await login(fake, { email: EMAIL });
    fake.expireAccessTokens();
    const res = await fetch(`${fake.baseUrl}calendar/v3/users/me/calendarList`, {
      headers: { Authorization: `Bearer ${client.credentials.access_token}` },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
    expect(((await res.json()) as { error: { errors: Array<{ reason: string }> } }).error.errors[0]?.reason).toBe(
      'authError',
    );
    const missing = await fetch(`${fake.baseUrl}calendar/v3/users/me/calendarList`);
    expect(((await missing.json()) as { error: { errors: Array<{ reason: string }> } }).error.errors[0]?.reason).toBe(
      'required',
    );
  });

  it('refresh tokens come on the first offline consent, or again with prompt=consent; not for online access', async () => {
    expect((await login(fake, { email: EMAIL })).client.credentials.refresh_token).toBeTruthy();
    expect((await login(fake, { email: EMAIL })).client.credentials.refresh_token).toBeUndefined();
    expect((await login(fake, { email: EMAIL, prompt: 'consent' })).client.credentials.refresh_token).toBeTruthy();
    fake.addUser({ email: 'eve@example.test' });
    expect(
      (await login(fake, { email: 'eve@example.test', offline: false })).client.credentials.refresh_token,
    ).toBeUndefined();
  });

  it('revokeUser kills refresh and access tokens', async () => {
    const { client } = await login(fake, { email: EMAIL });
    fake.revokeUser(EMAIL);
    expect(await statusOf(calendarApi(fake, client).calendarList.list())).toBe(401);
    const err = await client
      .refreshAccessToken()
      .catch((e: { response?: { status: number; data: unknown } }) => e.response);
    expect(err).toMatchObject({
      status: 400,
      data: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
    });
  });

  it('the revoke endpoint takes the token in the query or the form and kills the whole grant', async () => {
    const { client } = await login(fake, { email: EMAIL });
    const r = await client.revokeToken(client.credentials.access_token as string);
    expect(r.status).toBe(200);
    const again = await fetch(fake.env.CALSYNC_GOOGLE_REVOKE_URL as string, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: client.credentials.refresh_token as string }),
    });
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ error: 'invalid_token', error_description: 'Token expired or revoked' });
    const refresh = await client
      .refreshAccessToken()
      .catch((e: { response?: { data: { error: string } } }) => e.response?.data.error);
    expect(refresh).toBe('invalid_grant');
  });

  it('userinfo answers with the identity scopes granted', async () => {
    const { client } = await login(fake, { email: EMAIL });
    const res = await client.request<Record<string, unknown>>({ url: `${fake.baseUrl}oauth2/v3/userinfo` });
    expect(res.data).toMatchObject({ email: EMAIL, email_verified: true });
    expect(res.data.sub).toMatch(/^\d{21}$/);
  });
});

describe('scopes', () => {
  it('a read-only token can list but not write (403 insufficientPermissions)', async () => {
    const { client } = await login(fake, { email: EMAIL, scopes: ['openid', 'email', SCOPES.calendarReadonly] });
    const api = calendarApi(fake, client);
    expect(await statusOf(api.events.list({ calendarId: 'primary' }))).toBe(200);
    const err = await api.events
      .insert({ calendarId: 'primary', requestBody: { start: { date: '2026-07-02' }, end: { date: '2026-07-03' } } })
      .catch((e: { response?: { status: number; data: unknown } }) => e.response);
    expect(err?.status).toBe(403);
    expect(err?.data).toMatchObject({ error: { code: 403, errors: [{ reason: 'insufficientPermissions' }] } });
  });
});
