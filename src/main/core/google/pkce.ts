// RFC 7636: a fresh verifier per login, sent only to the token endpoint; the
// browser sees just its S256 challenge.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function createPkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url'); // 64 chars, within 43..128
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function createState(): string {
  return randomBytes(32).toString('base64url');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
