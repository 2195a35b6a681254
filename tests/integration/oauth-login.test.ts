import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CalsyncApp } from '../../src/main/core/app';
import { loopbackLogin } from '../../src/main/core/google/loopback-login';
import { createPkce } from '../../src/main/core/google/pkce';
import { startWorld, type World } from '../helpers/world';

let world: World;
let app: CalsyncApp;

beforeEach(async () => {
  world = await startWorld();
  app = world.app();
});
afterEach(() => world.close());

const tokenFile = () => path.join(world.home, 'tokens.json');
const storedKeys = () => (existsSync(tokenFile()) ? Object.keys(JSON.parse(readFileSync(tokenFile(), 'utf8'))) : []);

describe('loopback OAuth login', () => {
  it('signs in with PKCE S256 and state, stores tokens in a 0600 file, and records the account', async () => {
    let authUrl = '';
    const account = await app.accounts.login({
      onAuthUrl: (url) => {
        authUrl = url;
        void fetch(url);
      },
    });
    expect(account).toMatchObject({ email: world.user.email, id: world.user.sub, status: 'active' });
    const u = new URL(authUrl);
    expect(u.searchParams.get('code_challenge_method')).toBe('S256');
    expect(u.searchParams.get('access_type')).toBe('offline');
    expect(u.searchParams.get('state')!.length).toBeGreaterThanOrEqual(32);
    expect(u.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth2callback$/);
    expect(u.searchParams.get('scope')!.split(' ')).toEqual(
      expect.arrayContaining(['openid', 'email', 'https://www.googleapis.com/auth/calendar.readonly']),
    );
    expect(storedKeys()).toEqual([`google:${world.user.sub}`]);
    const { statSync } = await import('node:fs');
    expect(statSync(tokenFile()).mode & 0o777).toBe(0o600);
    // The listener is gone after one good redirect.
    await expect(fetch(u.searchParams.get('redirect_uri')!)).rejects.toThrow();
  });

  it('refuses a reply with a wrong state and keeps waiting for the real one', async () => {
    const account = await app.accounts.login({
      onAuthUrl: async (url) => {
        const redirect = new URL(url).searchParams.get('redirect_uri')!;
        const forged = await fetch(`${redirect}?code=stolen&state=not-the-state`);
        expect(forged.status).toBe(400);
        expect(await forged.text()).toContain('state mismatch');
        void fetch(url);
      },
    });
    expect(account.email).toBe(world.user.email);
  });

  it('a second redirect after success finds the listener closed, and a replayed reply is refused', async () => {
    let replay = '';
    await app.accounts.login({
      onAuthUrl: async (url) => {
        const consent = await fetch(url, { redirect: 'manual' });
        replay = consent.headers.get('location')!;
        const first = await fetch(replay);
        expect(first.status).toBe(200);
      },
    });
    await expect(fetch(replay)).rejects.toThrow();
  });

  it('access_denied in the browser ends the login with a clear message and stores nothing', async () => {
    world.google.denyNextConsent();
    await expect(app.accounts.login({ onAuthUrl: (url) => void fetch(url) })).rejects.toThrow(
      /cancelled in the browser \(access_denied\)/,
    );
    expect(storedKeys()).toEqual([]);
    expect(app.store.accounts.list()).toEqual([]);
  });

  it('refuses to bind the listener anywhere but loopback, and times out cleanly', async () => {
    await expect(
      loopbackLogin({
        cfg: app.config.google,
        scopes: ['openid'],
        timeoutMs: 1000,
        onAuthUrl: () => undefined,
        host: '0.0.0.0',
      }),
    ).rejects.toThrow(/loopback only/);
    let redirect = '';
    await expect(
      loopbackLogin({
        cfg: app.config.google,
        scopes: ['openid'],
        timeoutMs: 200,
        onAuthUrl: (url) => void (redirect = new URL(url).searchParams.get('redirect_uri')!),
      }),
    ).rejects.toThrow(/timed out/);
    await expect(fetch(redirect)).rejects.toThrow();
  });

  it('the fake token endpoint rejects a missing or wrong PKCE verifier (and the engine sends the right one)', async () => {
    const pkce = createPkce();
    const redirectUri = 'http://127.0.0.1:1/oauth2callback';
    const auth = new URL(world.google.env.CALSYNC_GOOGLE_AUTH_URL!);
    Object.entries({
      client_id: world.google.clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid email',
      state: 's',
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
    }).forEach(([k, v]) => auth.searchParams.set(k, v));
    const exchange = async (verifier: string | null) => {
      const res = await fetch(auth, { redirect: 'manual' });
      const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
      const body = new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        client_id: world.google.clientId,
        client_secret: world.google.clientSecret,
      });
      if (verifier !== null) body.set('code_verifier', verifier);
      return fetch(world.google.env.CALSYNC_GOOGLE_TOKEN_URL!, { method: 'POST', body });
    };
    expect((await exchange(null)).status).toBe(400);
    expect((await exchange(createPkce().verifier)).status).toBe(400);
    expect((await exchange(pkce.verifier)).status).toBe(200);
  });

  it('an access token revoked before its expiry is refreshed transparently', async () => {
    await world.login(app);
    world.google.insertEvent(world.user.email, {
      summary: 'x',
      start: { dateTime: '2026-05-01T09:00:00Z' },
      end: { dateTime: '2026-05-01T10:00:00Z' },
    });
    expect((await app.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
    world.google.expireAccessTokens();
    const run = await app.sync.request({ trigger: 'cli' });
    expect(run.status).toBe('succeeded');
    expect(app.store.accounts.list()[0]!.status).toBe('active');
  });

  it('no token, code or verifier appears in any log line (in-process and CLI, at debug level)', async () => {
    await world.login(app);
    world.google.insertEvent(world.user.email, {
      summary: 'x',
      start: { dateTime: '2026-05-01T09:00:00Z' },
      end: { dateTime: '2026-05-01T10:00:00Z' },
    });
    await app.sync.request({ trigger: 'cli' });
    world.google.expireAccessTokens();
    await app.sync.request({ trigger: 'cli' });
    const cli = await world.cli(['sync', '--json']);
    expect(cli.code).toBe(0);
    const secrets = world.google.issuedTokens();
    expect(secrets.length).toBeGreaterThan(3);
    const text = world.logs.join('\n');
    expect(text.length).toBeGreaterThan(0);
    for (const s of secrets) expect(text.includes(s), `secret ${s.slice(0, 6)}… leaked into logs`).toBe(false);
  });
});
