// HS256 JWTs as a Supabase project signs them: the anon and service_role API
// keys, and the access tokens GoTrue hands out after a sign-in.
import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors, type JWTPayload } from 'jose';

export type ApiRole = 'anon' | 'authenticated' | 'service_role';
export const API_ROLES: readonly ApiRole[] = ['anon', 'authenticated', 'service_role'];

export interface Claims extends JWTPayload {
  role: ApiRole;
}

export type VerifyResult = { ok: true; claims: Claims } | { ok: false; expired: boolean; reason: string };

export class JwtKeys {
  readonly secret: string;
  private readonly key: Uint8Array;

  constructor(secret = randomBytes(32).toString('base64url')) {
    this.secret = secret;
    this.key = new TextEncoder().encode(secret);
  }

  /** An API key like the ones in a project's settings: valid for ten years. */
  apiKey(role: 'anon' | 'service_role'): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return this.sign({ iss: 'supabase-demo', role, iat: now, exp: now + 10 * 365 * 24 * 3600 });
  }

  sign(claims: Claims): Promise<string> {
    return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(this.key);
  }

  async verify(token: string): Promise<VerifyResult> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'] });
      const role = payload.role;
      if (typeof role !== 'string' || !(API_ROLES as readonly string[]).includes(role)) {
        return { ok: false, expired: false, reason: `JWT role ${String(role)} is not an API role` };
      }
      return { ok: true, claims: payload as Claims };
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) return { ok: false, expired: true, reason: 'JWT expired' };
      return { ok: false, expired: false, reason: (e as Error).message };
    }
  }
}
