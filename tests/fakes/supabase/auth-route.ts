// /auth/v1/*: the GoTrue endpoints supabase-js uses for email sign-in.
import type { IncomingMessage } from 'node:http';
import { authError, type AuthStore } from './auth-store';
import { bearer, readJson } from './http-util';
import type { JwtKeys } from './jwt';
import { checkApiKey } from './request-auth';

export interface AuthResult {
  status: number;
  body: unknown;
}

function field(body: unknown, name: string): string {
  const v = (body as Record<string, unknown> | null)?.[name];
  return typeof v === 'string' ? v : '';
}

export async function authRoute(req: IncomingMessage, url: URL, store: AuthStore, keys: JwtKeys): Promise<AuthResult> {
  await checkApiKey(req, keys);
  const route = `${req.method} ${url.pathname.replace(/^\/auth\/v1/, '')}`;

  if (route === 'POST /token') {
    const body = await readJson(req);
    const grant = url.searchParams.get('grant_type');
    if (grant === 'password') {
      const email = field(body, 'email');
      const password = field(body, 'password');
      if (!email || !password) throw authError(400, 'validation_failed', 'missing email or phone');
      return { status: 200, body: await store.passwordGrant(email, password) };
    }
    if (grant === 'refresh_token') {
      const token = field(body, 'refresh_token');
      if (!token) throw authError(400, 'validation_failed', 'refresh_token required');
      return { status: 200, body: await store.refreshGrant(token) };
    }
    throw authError(400, 'validation_failed', `unsupported_grant_type: ${grant ?? ''}`);
  }

  if (route === 'POST /otp') {
    const body = await readJson(req);
    const email = field(body, 'email');
    if (!email) throw authError(422, 'validation_failed', 'Only an email address is supported here');
    const createUser = (body as { create_user?: unknown }).create_user !== false;
    await store.sendOtp(email, createUser);
    return { status: 200, body: {} };
  }

  if (route === 'POST /verify') {
    const body = await readJson(req);
    const type = field(body, 'type');
    if (!['email', 'magiclink', 'signup'].includes(type)) {
      throw authError(400, 'validation_failed', `Verify requires a verification type (${type || 'none'} given)`);
    }
    return { status: 200, body: await store.verifyOtp(field(body, 'email'), field(body, 'token')) };
  }

  if (route === 'GET /user' || route === 'POST /logout') {
    const token = bearer(req);
    const verified = token ? await keys.verify(token) : null;
    if (!verified?.ok || verified.claims.role !== 'authenticated') {
      throw authError(401, verified && !verified.ok && verified.expired ? 'bad_jwt' : 'no_authorization', 'This endpoint requires a valid Bearer token');
    }
    if (route === 'GET /user') return { status: 200, body: await store.user(verified.claims) };
    store.logout(verified.claims, url.searchParams.get('scope') ?? 'global');
    return { status: 204, body: null };
  }

  throw authError(404, 'not_found', `no route ${route}`);
}
