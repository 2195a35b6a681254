// RFC 8252 loopback sign-in: a one-shot listener on 127.0.0.1 and an ephemeral
// port, PKCE S256 and a random state. It serves exactly one good redirect (or
// times out) and then closes; requests with a wrong state or Host are refused
// without ending the wait, so a stray tab cannot cancel a real sign-in.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Credentials } from 'google-auth-library';
import { AppError } from '../../../shared/errors';
import type { GoogleConfig } from '../config/app-config';
import { registerSecret } from '../../../shared/scrub';
import { loginPage } from './login-pages';
import { createOAuthClient, idTokenClaims, requireClient } from './oauth-client';
import { createPkce, createState, sameSecret } from './pkce';

export interface LoginOptions {
  cfg: GoogleConfig;
  scopes: string[];
  timeoutMs: number;
  loginHint?: string;
  /** Receives the consent URL before the wait starts (print it, open the browser). */
  onAuthUrl: (url: string) => void | Promise<void>;
  host?: string;
  /** Aborted when the app stops: the wait ends and the listener closes, so the process can exit. */
  signal?: AbortSignal;
}

export interface LoginOutcome {
  tokens: Credentials;
  sub: string;
  email: string;
  scopes: string[];
  /** Google's refresh_token_expires_in, when it limits this sign-in's lifetime. */
  refreshExpiresInSec: number | null;
}

const CALLBACK_PATH = '/oauth2callback';
const LOOPBACK = new Set(['127.0.0.1', '::1']);

export async function loopbackLogin(opts: LoginOptions): Promise<LoginOutcome> {
  const host = opts.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new AppError('bad-input', `the sign-in listener binds to loopback only, not ${host}`);
  // Before anything is bound: a listener left open by a missing client kept the CLI from exiting.
  requireClient(opts.cfg);
  // Loaded here, not at the top: an ESM import of node:http also loads Node's
  // fetch (undici) and TLS, 20-30 ms that every command would pay for a sign-in.
  const { createServer } = await import('node:http');
  if (opts.signal?.aborted) throw stopping();
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, resolve);
  });
  const { port, address } = server.address() as AddressInfo;
  if (!LOOPBACK.has(address)) {
    server.close();
    throw new AppError('internal', `sign-in listener ended up on ${address}`);
  }
  const hostPort = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  const redirectUri = `http://${hostPort}${CALLBACK_PATH}`;
  const client = await createOAuthClient(opts.cfg, redirectUri);
  const pkce = createPkce();
  const state = createState();
  registerSecret(pkce.verifier);
  const authUrl = client.generateAuthUrl({
    access_type: 'offline',
    prompt: 'consent',
    include_granted_scopes: true,
    scope: opts.scopes,
    state,
    code_challenge: pkce.challenge,
    // google-auth-library types this as an enum; the wire value is "S256".
    code_challenge_method: 'S256' as never,
    login_hint: opts.loginHint,
  });

  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    const outcome = new Promise<LoginOutcome>((resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new AppError(
              'auth-failed',
              `sign-in timed out after ${Math.round(opts.timeoutMs / 1000)} s without a reply from the browser`,
            ),
          ),
        opts.timeoutMs,
      );
      let settled = false;
      let claimed = false; // a reply with the right state was taken: later ones are refused
      onAbort = () => finish(stopping());
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      server.on('request', (req, res) => {
        void handle(req, res).catch((e: unknown) => finish(e));
      });
      const finish = (result: LoginOutcome | unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (result instanceof Error) reject(result);
        else resolve(result as LoginOutcome);
      };
      const handle = async (req: IncomingMessage, res: ServerResponse) => {
        const send = (status: number, kind: 'ok' | 'error', heading: string, detail: string) => {
          res.writeHead(status, {
            'content-type': 'text/html; charset=utf-8',
            'cache-control': 'no-store',
            connection: 'close',
          });
          res.end(loginPage(kind, heading, detail));
        };
        const url = new URL(req.url ?? '/', redirectUri);
        if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH)
          return send(404, 'error', 'Not found', 'This address only receives Google sign-in replies.');
        // DNS-rebinding defence: a page on another origin cannot make the browser send our Host.
        if (req.headers.host !== hostPort)
          return send(400, 'error', 'Refused', 'This sign-in reply came through an unexpected host name.');
        const got = url.searchParams.get('state') ?? '';
        if (!sameSecret(got, state))
          return send(
            400,
            'error',
            'This sign-in link is not valid',
            'The reply does not belong to the sign-in calsync started (state mismatch). Start again from calsync.',
          );
        if (claimed) return send(409, 'error', 'Already handled', 'This sign-in was already completed.');
        claimed = true;
        const error = url.searchParams.get('error');
        if (error) {
          send(
            200,
            'error',
            'Sign-in cancelled',
            `Google reported: ${error}. Nothing was stored. You can close this tab.`,
          );
          return finish(
            new AppError(
              'auth-failed',
              error === 'access_denied'
                ? 'sign-in was cancelled in the browser (access_denied); nothing was stored'
                : `Google refused the sign-in: ${error}`,
            ),
          );
        }
        const code = url.searchParams.get('code');
        if (!code) {
          send(400, 'error', 'Missing code', 'The reply carried no authorization code.');
          return finish(new AppError('auth-failed', 'Google replied without an authorization code'));
        }
        registerSecret(code);
        try {
          const { tokens, res } = await client.getToken({
            code,
            codeVerifier: pkce.verifier,
            redirect_uri: redirectUri,
          });
          const limit = (res?.data as { refresh_token_expires_in?: unknown } | undefined)?.refresh_token_expires_in;
          registerSecret(tokens.access_token);
          registerSecret(tokens.refresh_token);
          const who = idTokenClaims(tokens.id_token);
          if (!who)
            throw new AppError('auth-failed', 'Google did not say which account signed in (no id_token with email)');
          if (!tokens.refresh_token)
            throw new AppError(
              'auth-failed',
              'Google returned no refresh token, so calsync could not sync in the background; sign in again',
            );
          send(200, 'ok', `Signed in as ${who.email}`, 'calsync can now sync your calendars. You can close this tab.');
          finish({
            tokens,
            sub: who.sub,
            email: who.email,
            scopes: (tokens.scope ?? opts.scopes.join(' ')).split(' ').filter(Boolean),
            refreshExpiresInSec: typeof limit === 'number' && limit > 0 ? limit : null,
          });
        } catch (e) {
          const message = e instanceof AppError ? e.message : `exchanging the code failed: ${(e as Error).message}`;
          send(200, 'error', 'Sign-in failed', message);
          finish(e instanceof AppError ? e : new AppError('auth-failed', message));
        }
      };
    });
    // Nobody waits for the outcome when printing the URL fails; its later rejection is not news.
    outcome.catch(() => undefined);
    await opts.onAuthUrl(authUrl);
    return await outcome;
  } finally {
    // A pending timeout would keep the process alive for the whole login timeout.
    clearTimeout(timer);
    if (onAbort) opts.signal?.removeEventListener('abort', onAbort);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function stopping(): AppError {
  return new AppError('auth-failed', 'the sign-in was cancelled because calsync is stopping; nothing was stored');
}
