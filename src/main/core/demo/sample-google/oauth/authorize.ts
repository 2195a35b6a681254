// GET /o/oauth2/v2/auth: validates the request as Google does for a desktop
// client, then either auto-consents (302 to the loopback redirect_uri) or shows
// a real HTML consent page whose forms POST to /o/oauth2/v2/auth/consent.
import type { FakeRequest, FakeResponse } from '../http';
import type { IdSource } from '../ids';
import { normaliseScopes } from './scopes';
import type { OAuthState, PendingCode } from './state';
import { readParams } from './token';

type Request = Omit<PendingCode, 'expiresAt' | 'used' | 'email'> & { state: string | null; includeGranted: boolean };

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function errorPage(status: number, error: string, detail: string): FakeResponse {
  // Google shows these on its own page and never redirects: the redirect_uri cannot be trusted yet.
  const html = `<!doctype html><html><head><title>Error ${status}: ${esc(error)}</title></head><body><h1>Access blocked: This app's request is invalid</h1><p id="error">Error ${status}: ${esc(error)}</p><p id="detail">${esc(detail)}</p></body></html>`;
  return { status, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: html };
}

/** RFC 8252 loopback redirects, which is all Google allows for desktop clients. */
function isLoopback(uri: string): boolean {
  try {
    const u = new URL(uri);
    return u.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(u.hostname) && u.hash === '';
  } catch {
    return false;
  }
}

function redirect(to: string, params: Record<string, string | null>): FakeResponse {
  const url = new URL(to);
  for (const [k, v] of Object.entries(params)) if (v !== null) url.searchParams.set(k, v);
  return { status: 302, headers: { Location: url.toString(), 'Content-Type': 'text/html; charset=UTF-8' }, body: '' };
}

export class AuthorizeEndpoint {
  private readonly pending = new Map<string, Request>();

  constructor(
    private readonly state: OAuthState,
    private readonly clientId: string,
    private readonly ids: IdSource,
  ) {}

  authorize(req: FakeRequest): FakeResponse {
    const q = req.query;
    const clientId = q.get('client_id');
    if (!clientId) return errorPage(400, 'invalid_request', 'Missing required parameter: client_id');
    if (clientId !== this.clientId) return errorPage(401, 'invalid_client', 'The OAuth client was not found.');
    const redirectUri = q.get('redirect_uri');
    if (!redirectUri) return errorPage(400, 'invalid_request', 'Missing required parameter: redirect_uri');
    if (!isLoopback(redirectUri))
      return errorPage(
        400,
        'redirect_uri_mismatch',
        `You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 policy. redirect_uri=${redirectUri}`,
      );
    const responseType = q.get('response_type');
    if (!responseType) return errorPage(400, 'invalid_request', 'Required parameter is missing: response_type');
    if (responseType !== 'code')
      return errorPage(400, 'unsupported_response_type', `Invalid response_type: ${responseType}`);
    const scopeParam = q.get('scope');
    if (!scopeParam) return errorPage(400, 'invalid_request', 'Missing required parameter: scope');
    const scopes = normaliseScopes(scopeParam);
    if (!scopes) return errorPage(400, 'invalid_scope', `Some requested scopes were invalid. ${scopeParam}`);
    const challenge = q.get('code_challenge') ?? undefined;
    const methodParam = q.get('code_challenge_method');
    if (methodParam && !challenge) return errorPage(400, 'invalid_request', 'Missing code_challenge.');
    // RFC 7636: the method defaults to plain when a challenge comes alone.
    const method = challenge ? (methodParam ?? 'plain') : undefined;
    if (method !== undefined && method !== 'S256' && method !== 'plain')
      return errorPage(400, 'invalid_request', `Invalid code_challenge_method: ${method}`);
    if (challenge && !/^[A-Za-z0-9._~-]{43,128}$/.test(challenge))
      return errorPage(400, 'invalid_request', 'Invalid code_challenge.');
    const request: Request = {
      clientId,
      redirectUri,
      scopes,
      challenge,
      challengeMethod: method,
      offline: q.get('access_type') === 'offline',
      forceConsent: (q.get('prompt') ?? '').split(' ').includes('consent'),
      nonce: q.get('nonce') ?? undefined,
      state: q.get('state'),
      includeGranted: q.get('include_granted_scopes') === 'true',
    };
    if (this.state.denyNext) {
      this.state.denyNext = false;
      return redirect(redirectUri, { error: 'access_denied', state: request.state });
    }
    if (this.state.consentUser !== null) return this.approve(request, this.state.consentUser);
    const id = this.ids.opaque(16);
    this.pending.set(id, request);
    return this.consentPage(id, request, q.get('login_hint'));
  }

  /** POST /o/oauth2/v2/auth/consent from the consent page's forms. */
  consent(req: FakeRequest): FakeResponse {
    const p = readParams(req);
    const request = this.pending.get(p.get('request') ?? '');
    if (!request) return errorPage(400, 'invalid_request', 'This consent request has expired or was already answered.');
    this.pending.delete(p.get('request') ?? '');
    if (p.get('decision') !== 'approve')
      return redirect(request.redirectUri, { error: 'access_denied', state: request.state });
    return this.approve(request, p.get('email') ?? '');
  }

  private approve(r: Request, email: string): FakeResponse {
    const user = this.state.users.get(email.toLowerCase());
    if (!user) return errorPage(400, 'invalid_request', `No such account: ${email}`);
    const { state, includeGranted, ...rest } = r;
    // include_granted_scopes=true (incremental authorization): the new grant also
    // covers every scope the user granted this client before and did not revoke.
    const scopes = includeGranted ? this.state.withGrantedScopes(user.email, r.clientId, r.scopes) : r.scopes;
    const code = this.state.issueCode({ ...rest, scopes, email: user.email });
    // Google's redirect carries state, code, scope, authuser and prompt, in that order.
    return redirect(r.redirectUri, { state, code, scope: scopes.join(' '), authuser: '0', prompt: 'consent' });
  }

  private consentPage(id: string, r: Request, loginHint: string | null): FakeResponse {
    const users = [...this.state.users.values()];
    const options = users
      .map(
        (u, i) =>
          `<label><input type="radio" name="email" value="${esc(u.email)}"${(loginHint ? u.email === loginHint.toLowerCase() : i === 0) ? ' checked' : ''}> ${esc(u.name)} &lt;${esc(u.email)}&gt;</label><br>`,
      )
      .join('\n');
    const scopes = r.scopes.map((s) => `<li>${esc(s)}</li>`).join('');
    const html = `<!doctype html><html><head><meta charset="utf-8"><title>Sign in - Google Accounts</title></head><body>
<h1>Choose an account</h1><p>to continue to calsync</p>
<form id="approve" method="post" action="/o/oauth2/v2/auth/consent">
<input type="hidden" name="request" value="${id}"><input type="hidden" name="decision" value="approve">
${users.length ? options : '<p id="no-accounts">No accounts</p>'}
<p>calsync wants to:</p><ul>${scopes}</ul>
<button type="submit" id="approve-button">Approve</button>
</form>
<form id="deny" method="post" action="/o/oauth2/v2/auth/consent">
<input type="hidden" name="request" value="${id}"><input type="hidden" name="decision" value="deny">
<button type="submit" id="deny-button">Deny</button>
</form></body></html>`;
    return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: html };
  }
}
