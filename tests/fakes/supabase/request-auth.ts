// Who a REST request runs as. The gateway in front of a Supabase project wants
// a valid `apikey` on every request; PostgREST then takes the role and claims
// from the bearer JWT (the user's access token, or the API key itself).
import type { IncomingMessage } from 'node:http';
import type { Queryable, ShimDatabase } from './database';
import { HttpError, bearer, header } from './http-util';
import type { ApiRole, Claims, JwtKeys } from './jwt';

export interface RequestAuth {
  role: ApiRole;
  claims: Claims;
}

export async function checkApiKey(req: IncomingMessage, keys: JwtKeys): Promise<Claims> {
  const apikey = header(req, 'apikey');
  if (!apikey) {
    throw new HttpError(401, { message: 'No API key found in request', hint: 'No `apikey` request header or url param was found.' });
  }
  const verified = await keys.verify(apikey);
  if (!verified.ok) {
    throw new HttpError(401, { message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' });
  }
  return verified.claims;
}

export async function authenticateRest(req: IncomingMessage, keys: JwtKeys): Promise<RequestAuth> {
  const apiClaims = await checkApiKey(req, keys);
  const token = bearer(req);
  if (!token) return { role: apiClaims.role, claims: apiClaims };
  const verified = await keys.verify(token);
  if (!verified.ok) {
    throw new HttpError(
      401,
      verified.expired
        ? { code: 'PGRST303', message: 'JWT expired', details: null, hint: null }
        : { code: 'PGRST301', message: `JWT invalid: ${verified.reason}`, details: null, hint: null },
      { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${verified.expired ? 'JWT expired' : 'JWT invalid'}"` },
    );
  }
  return { role: verified.claims.role, claims: verified.claims };
}

/** One transaction per request, as PostgREST: the role and the JWT claims are transaction-local. */
export function runAs<T>(db: ShimDatabase, auth: RequestAuth, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query(`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`, [
      auth.role,
      JSON.stringify(auth.claims),
    ]);
    return fn(tx);
  });
}
