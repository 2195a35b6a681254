// One place that builds google-auth-library's OAuth2Client with calsync's
// endpoints (configurable so tests point at the fake) and no hidden retries:
// retrying is the engine's job, with its own budget.
import type { OAuth2Client } from 'google-auth-library';
import { AppError } from '../../../shared/errors';
import type { GoogleConfig } from '../config/app-config';
import { loadGoogleAuth } from './oauth-lib';

export function requireClient(cfg: GoogleConfig): { clientId: string; clientSecret: string | undefined } {
  if (!cfg.clientId) {
    throw new AppError(
      'not-configured',
      'No Google OAuth client is configured. To set one up: in Google Cloud Console enable the Google Calendar API, create an OAuth client ID of type "Desktop app" (APIs & Services → Credentials), then set CALSYNC_GOOGLE_CLIENT_ID and CALSYNC_GOOGLE_CLIENT_SECRET to its id and secret (or put clientId and clientSecret under "google" in config.json) and start calsync again.',
    );
  }
  return { clientId: cfg.clientId, clientSecret: cfg.clientSecret ?? undefined };
}

export async function createOAuthClient(cfg: GoogleConfig, redirectUri?: string): Promise<OAuth2Client> {
  const { clientId, clientSecret } = requireClient(cfg);
  const { OAuth2Client } = await loadGoogleAuth();
  return new OAuth2Client({
    clientId,
    clientSecret,
    redirectUri,
    endpoints: { oauth2AuthBaseUrl: cfg.authUrl, oauth2TokenUrl: cfg.tokenUrl, oauth2RevokeUrl: cfg.revokeUrl },
  });
}

/**
 * The id_token came straight from the token endpoint over TLS, so its claims
 * may be read without checking the signature (OpenID Connect Core §3.1.3.7).
 */
export function idTokenClaims(idToken: string | null | undefined): { sub: string; email: string } | null {
  if (!idToken) return null;
  const part = idToken.split('.')[1];
  if (!part) return null;
  try {
    const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as { sub?: unknown; email?: unknown };
    return typeof claims.sub === 'string' && typeof claims.email === 'string'
      ? { sub: claims.sub, email: claims.email }
      : null;
  } catch {
    return null;
  }
}
