// A Supabase project URL as calsync will talk to it. The anon key, the
// password and the session's tokens all travel in its requests, so plain
// http:// is only allowed where nobody else can listen: this machine.
import { isIP } from 'node:net';
import { AppError } from '../../../shared/errors';

/** 127.0.0.0/8, ::1 and localhost: the only hosts where http:// cannot be read by others. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.split('.')[0] === '127';
  // WHATWG URL parsing has already written any spelling of ::1 as "::1".
  return host === '::1';
}

/**
 * The project URL without trailing slashes, or an AppError saying what is
 * wrong with it (`code` is chosen by the caller: bad input at the CLI,
 * not-configured when it comes from config or the environment).
 */
export function parseProjectUrl(raw: string, code: 'bad-input' | 'not-configured' = 'not-configured'): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError(code, `The Supabase URL "${raw}" is not a URL; use the project URL, e.g. https://abcd.supabase.co.`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new AppError(
      code,
      `The Supabase URL must start with https:// (got http://${url.host}): plain http would send your password and session in the clear. ` +
        'Plain http:// is accepted only for this machine (localhost, 127.0.0.1, ::1).',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError(code, `The Supabase URL must start with https:// (got ${url.protocol}).`);
  }
  if (url.username || url.password) throw new AppError(code, 'The Supabase URL must not contain a user name or password.');
  return url.toString().replace(/\/+$/, '');
}
