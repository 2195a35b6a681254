// Bearer-token check for API calls, plus the identity endpoints that read the
// token (userinfo, tokeninfo). Failures use Google's API error envelopes.
import { GoogleApiError } from '../errors';
import type { FakeRequest, FakeResponse } from '../http';
import { scopeErrorDetails } from './scope-error';
import { allows, type Need } from './scopes';
import type { Grant, OAuthState } from './state';

export interface Caller {
  email: string;
  grant: Grant;
}

function bearer(req: FakeRequest): string | null {
  const h = String(req.headers.authorization ?? '');
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  // Google also accepts ?access_token= on API calls.
  return m?.[1] ?? req.query.get('access_token');
}

const WWW_AUTH = 'Bearer realm="https://accounts.google.com/", error="invalid_token"';

export class Guard {
  constructor(private readonly state: OAuthState) {}

  /** The caller, or a thrown 401 authError / 403 insufficientPermissions. */
  require(req: FakeRequest, need: Need): Caller {
    const token = bearer(req);
    if (!token) throw new GoogleApiError('loginRequired');
    const grant = this.state.authenticate(token);
    if (!grant) throw new GoogleApiError('authError');
    if (!allows(grant.scopes, need))
      throw new GoogleApiError('insufficientPermissions', { details: scopeErrorDetails(req) });
    return { email: grant.email, grant };
  }

  /** GET oauth2/v3/userinfo and openidconnect v1/userinfo (OIDC claims); oauth2/v2/userinfo (legacy names). */
  userinfo(req: FakeRequest, legacy: boolean): FakeResponse {
    const token = bearer(req);
    const grant = token ? this.state.authenticate(token) : null;
    const user = grant ? this.state.users.get(grant.email) : undefined;
    if (!grant || !user || !allows(grant.scopes, 'userinfo')) {
      return {
        status: 401,
        headers: { 'WWW-Authenticate': WWW_AUTH },
        json: { error: 'invalid_request', error_description: 'Invalid Credentials' },
      };
    }
    const withProfile = grant.scopes.includes('https://www.googleapis.com/auth/userinfo.profile');
    const withEmail = grant.scopes.includes('https://www.googleapis.com/auth/userinfo.email');
    if (legacy) {
      const out: Record<string, unknown> = { id: user.sub };
      if (withEmail) Object.assign(out, { email: user.email, verified_email: true });
      if (withProfile)
        Object.assign(out, { name: user.name, picture: 'https://lh3.googleusercontent.test/a/placeholder=s96-c' });
      return { status: 200, json: out };
    }
    const out: Record<string, unknown> = { sub: user.sub };
    if (withProfile)
      Object.assign(out, { name: user.name, picture: 'https://lh3.googleusercontent.test/a/placeholder=s96-c' });
    if (withEmail) Object.assign(out, { email: user.email, email_verified: true });
    return { status: 200, json: out };
  }

  /** GET /tokeninfo?access_token=… as google-auth-library's getTokenInfo calls it. */
  tokeninfo(req: FakeRequest, nowMs: number): FakeResponse {
    const token = req.query.get('access_token') ?? '';
    const grant = this.state.authenticate(token);
    const at = this.state.accessTokens.get(token);
    if (!grant || !at) return { status: 400, json: { error: 'invalid_token', error_description: 'Invalid Value' } };
    const user = this.state.users.get(grant.email);
    const expSec = Math.floor(at.expiresAt / 1000);
    return {
      status: 200,
      json: {
        azp: grant.clientId,
        aud: grant.clientId,
        sub: user?.sub,
        scope: grant.scopes.join(' '),
        exp: String(expSec),
        expires_in: String(Math.max(0, expSec - Math.floor(nowMs / 1000))),
        email: grant.email,
        email_verified: 'true',
        access_type: grant.refreshToken ? 'offline' : 'online',
      },
    };
  }
}
