// POST /token (authorization_code and refresh_token grants) as Google's token
// endpoint answers: form-encoded in, JSON out, errors as
// {"error", "error_description"} with Google's own descriptions.
import { createHash } from 'node:crypto';
import type { FakeRequest, FakeResponse } from '../http';
import { signIdToken } from './id-token';
import { hasIdentityScope } from './scopes';
import type { Grant, OAuthState } from './state';

export interface OAuthClientConfig {
  clientId: string;
  clientSecret: string;
}

const oauthError = (status: number, error: string, description: string): FakeResponse => ({
  status,
  headers: { 'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate' },
  json: { error, error_description: description },
});

/** Form body, or JSON (Google accepts both), merged over the query string. */
export function readParams(req: FakeRequest): URLSearchParams {
  const params = new URLSearchParams(req.query);
  const type = String(req.headers['content-type'] ?? '');
  const text = req.body.toString('utf8');
  if (type.includes('application/json') && text) {
    for (const [k, v] of Object.entries(JSON.parse(text) as Record<string, unknown>)) params.set(k, String(v));
  } else if (text) {
    for (const [k, v] of new URLSearchParams(text)) params.set(k, v);
  }
  return params;
}

function clientCredentials(req: FakeRequest, p: URLSearchParams): { id: string | null; secret: string | null } {
  const auth = String(req.headers.authorization ?? '');
  if (auth.startsWith('Basic ')) {
    const [id, secret] = Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':');
    return { id: decodeURIComponent(id ?? ''), secret: decodeURIComponent(secret ?? '') };
  }
  return { id: p.get('client_id'), secret: p.get('client_secret') };
}

function pkceMatches(challenge: string, method: 'S256' | 'plain', verifier: string): boolean {
  if (method === 'plain') return verifier === challenge;
  return createHash('sha256').update(verifier).digest('base64url') === challenge;
}

export class TokenEndpoint {
  constructor(
    private readonly state: OAuthState,
    private readonly client: OAuthClientConfig,
    private readonly now: () => number,
  ) {}

  handle(req: FakeRequest): FakeResponse {
    if (req.method !== 'POST') return oauthError(405, 'invalid_request', 'Only POST is supported.');
    const p = readParams(req);
    const { id, secret } = clientCredentials(req, p);
    if (!id) return oauthError(400, 'invalid_request', 'Could not determine client ID from request.');
    if (id !== this.client.clientId) return oauthError(401, 'invalid_client', 'The OAuth client was not found.');
    // Desktop clients still send their (non-confidential) secret; Google refuses the exchange without it.
    if (!secret) return oauthError(400, 'invalid_request', 'client_secret is missing.');
    if (secret !== this.client.clientSecret) return oauthError(401, 'invalid_client', 'Unauthorized');
    const grantType = p.get('grant_type');
    if (grantType === 'authorization_code') return this.exchangeCode(p);
    if (grantType === 'refresh_token') return this.refresh(p);
    if (!grantType) return oauthError(400, 'invalid_request', 'Missing required parameter: grant_type');
    return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType}`);
  }

  private exchangeCode(p: URLSearchParams): FakeResponse {
    const codeValue = p.get('code');
    if (!codeValue) return oauthError(400, 'invalid_request', 'Missing required parameter: code');
    const code = this.state.codes.get(codeValue);
    if (!code) return oauthError(400, 'invalid_grant', 'Malformed auth code.');
    // A code is spent by any exchange attempt, good or bad: codes are single use.
    const wasUsed = code.used;
    code.used = true;
    if (wasUsed || code.expiresAt <= this.now() || code.clientId !== this.client.clientId) {
      return oauthError(400, 'invalid_grant', 'Bad Request');
    }
    const redirectUri = p.get('redirect_uri');
    if (!redirectUri) return oauthError(400, 'invalid_request', 'Missing parameter: redirect_uri');
    if (redirectUri !== code.redirectUri) return oauthError(400, 'redirect_uri_mismatch', 'Bad Request');
    const verifier = p.get('code_verifier');
    if (code.challenge && code.challengeMethod) {
      if (!verifier) return oauthError(400, 'invalid_grant', 'Missing code verifier.');
      if (!pkceMatches(code.challenge, code.challengeMethod, verifier))
        return oauthError(400, 'invalid_grant', 'Invalid code verifier.');
    } else if (verifier) {
      return oauthError(400, 'invalid_grant', 'code_verifier or verifier is not needed.');
    }
    const grant = this.state.createGrant(code);
    return this.tokenResponse(grant, code.nonce, true);
  }

  private refresh(p: URLSearchParams): FakeResponse {
    const rt = p.get('refresh_token');
    if (!rt) return oauthError(400, 'invalid_request', 'Missing required parameter: refresh_token');
    const grantId = this.state.refreshTokens.get(rt);
    const grant = grantId === undefined ? undefined : this.state.grant(grantId);
    const expired = grant?.refreshExpiresAt !== undefined && grant.refreshExpiresAt <= this.now();
    if (!grant || grant.revoked || expired)
      return oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
    if (grant.clientId !== this.client.clientId) return oauthError(401, 'unauthorized_client', 'Unauthorized');
    return this.tokenResponse(grant, undefined, false);
  }

  private tokenResponse(grant: Grant, nonce: string | undefined, withRefresh: boolean): FakeResponse {
    const { token, expiresIn } = this.state.issueAccessToken(grant);
    const body: Record<string, unknown> = { access_token: token, expires_in: expiresIn };
    if (withRefresh && grant.refreshToken) {
      body.refresh_token = grant.refreshToken;
      // Google states the remaining lifetime of a time-limited refresh token.
      if (grant.refreshExpiresAt !== undefined)
        body.refresh_token_expires_in = Math.floor((grant.refreshExpiresAt - this.now()) / 1000);
    }
    body.scope = grant.scopes.join(' ');
    body.token_type = 'Bearer';
    const user = this.state.users.get(grant.email);
    // Google only returns an id_token when an identity scope (openid, email, profile) was granted.
    if (user && hasIdentityScope(grant.scopes)) {
      const idToken = signIdToken({
        user,
        clientId: this.client.clientId,
        clientSecret: this.client.clientSecret,
        scopes: grant.scopes,
        nowMs: this.now(),
        nonce,
        accessToken: token,
      });
      this.state.issued.push(idToken);
      body.id_token = idToken;
    }
    return {
      status: 200,
      headers: { 'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate', Pragma: 'no-cache' },
      json: body,
    };
  }

  /** POST (or legacy GET) /revoke?token=… — kills the whole grant, whether given its access or its refresh token. */
  revoke(req: FakeRequest): FakeResponse {
    const token = readParams(req).get('token');
    if (!token) return oauthError(400, 'invalid_request', 'Missing required parameter: token');
    const grantId = this.state.refreshTokens.get(token) ?? this.state.accessTokens.get(token)?.grantId;
    const grant = grantId === undefined ? undefined : this.state.grant(grantId);
    const at = this.state.accessTokens.get(token);
    const expiredAccess = at !== undefined && at.expiresAt <= this.now();
    if (!grant || grant.revoked || expiredAccess) return oauthError(400, 'invalid_token', 'Token expired or revoked');
    this.state.revokeGrant(grant);
    return { status: 200, json: {} };
  }
}
