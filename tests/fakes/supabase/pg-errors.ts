// PostgREST's translation of Postgres errors into HTTP: the body keeps
// Postgres' own code/message/detail/hint, the status follows PostgREST's table.
import { isPgError } from './database';
import { HttpError } from './http-util';
import type { ApiRole } from './jwt';

export function pgErrorStatus(code: string, role: ApiRole): number {
  // PostgREST: 403 for an authenticated request, 401 for an anonymous one.
  if (code === '42501') return role === 'anon' ? 401 : 403;
  if (code === '23505' || code === '23503') return 409;
  if (code === '42883' || code === '42P01') return 404;
  if (code === '42P17') return 500;
  if (code === '25006') return 405;
  if (code === '53400') return 500;
  if (code === 'P0001') return 400;
  const cls = code.slice(0, 2);
  if (cls === '08' || cls === '53') return 503;
  if (cls === '0L' || cls === '0P' || cls === '28') return 403;
  if (cls === '21' || cls === '22' || cls === '23' || cls === '42') return 400;
  return 500;
}

export function toHttpError(e: unknown, role: ApiRole): HttpError {
  if (e instanceof HttpError) return e;
  if (isPgError(e)) {
    return new HttpError(pgErrorStatus(e.code, role), {
      code: e.code,
      message: e.message,
      details: e.detail ?? null,
      hint: e.hint ?? null,
    });
  }
  return new HttpError(500, { code: 'PGRST000', message: (e as Error)?.message ?? String(e), details: null, hint: null });
}

export function pgrst(status: number, code: string, message: string, details: string | null = null, hint: string | null = null): HttpError {
  return new HttpError(status, { code, message, details, hint });
}
