// The bearer token that lets a window use the loopback API. It travels in the
// URL fragment (never sent to a server, never in a log) and then in the
// Authorization header.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares digests so neither the content nor the length of the token leaks through timing. */
export function tokenMatches(authorization: string | undefined, token: string): boolean {
  const m = /^Bearer ([A-Za-z0-9_-]{1,256})$/.exec(authorization ?? '');
  const given = createHash('sha256')
    .update(m?.[1] ?? '')
    .digest();
  const expected = createHash('sha256').update(token).digest();
  return timingSafeEqual(given, expected) && m !== null;
}
