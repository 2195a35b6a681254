// A Google-shaped OpenID id_token. Real ones are RS256 with Google's keys; the
// client only decodes the payload, so HS256 keyed with the client secret keeps
// it a valid JWT without a key server.
import { createHash, createHmac } from 'node:crypto';
import { b64url } from '../ids';
import type { FakeUser } from '../types';

export interface IdTokenInput {
  user: FakeUser;
  clientId: string;
  clientSecret: string;
  scopes: readonly string[];
  nowMs: number;
  nonce?: string;
  accessToken?: string;
}

export function signIdToken(i: IdTokenInput): string {
  const iat = Math.floor(i.nowMs / 1000);
  const payload: Record<string, unknown> = {
    iss: 'https://accounts.google.com',
    azp: i.clientId,
    aud: i.clientId,
    sub: i.user.sub,
    email: i.user.email,
    email_verified: true,
  };
  if (i.accessToken) {
    // at_hash: left half of SHA-256 of the access token, base64url (OIDC core 3.1.3.6).
    payload.at_hash = createHash('sha256').update(i.accessToken).digest().subarray(0, 16).toString('base64url');
  }
  if (i.nonce) payload.nonce = i.nonce;
  if (i.scopes.includes('https://www.googleapis.com/auth/userinfo.profile')) payload.name = i.user.name;
  payload.iat = iat;
  payload.exp = iat + 3600;
  const header = b64url(JSON.stringify({ alg: 'HS256', kid: 'fake-google', typ: 'JWT' }));
  const body = b64url(JSON.stringify(payload));
  const sig = createHmac('sha256', i.clientSecret).update(`${header}.${body}`).digest('base64url');
  return `${header}.${body}.${sig}`;
}
