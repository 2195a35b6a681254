// What a failed Google call means for the engine. Matching is on HTTP status
// and `reason`, never on domain or message text (those differ between APIs).
import { AppError } from '../../../shared/errors';

export type FailureKind = 'retryable' | 'sync-token-gone' | 'needs-login' | 'fatal';

export interface GoogleFailure {
  kind: FailureKind;
  status: number | null;
  reason: string | null;
  message: string;
  retryAfterMs: number | null;
}

const RATE_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded']);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'TimeoutError',
  'AbortError',
]);

interface ErrorLike {
  message?: string;
  code?: string | number;
  status?: number;
  cause?: unknown;
  response?: {
    status?: number;
    data?: unknown;
    headers?: { get?(name: string): string | null } | Record<string, string>;
  };
}

export function classifyGoogleError(e: unknown, now: number = Date.now()): GoogleFailure {
  const err = (e ?? {}) as ErrorLike;
  if (err instanceof MalformedResponseError)
    return { kind: 'retryable', status: null, reason: 'malformed', message: err.message, retryAfterMs: null };
  const status = err.response?.status ?? (typeof err.status === 'number' ? err.status : null);
  const data = err.response?.data;
  const reason = reasonOf(data);
  const message = messageOf(data) ?? err.message ?? 'unknown error';
  const retryAfterMs = parseRetryAfter(header(err.response?.headers, 'retry-after'), now);
  const base = { status, reason, message, retryAfterMs };

  if (reason === 'invalid_grant' || reason === 'unauthorized_client') return { ...base, kind: 'needs-login' };
  if (status === null) {
    const code = String(err.code ?? causeCode(err.cause) ?? '');
    // gaxios reports its own request timeout as an AbortError cause: calsync never aborts otherwise.
    const name = (err.cause as { name?: string } | undefined)?.name ?? '';
    if (name === 'AbortError' || name === 'TimeoutError')
      return { ...base, kind: 'retryable', message: 'no answer from Google before the request timeout' };
    return {
      ...base,
      kind: NETWORK_CODES.has(code) || /fetch failed|socket|network|timeout/i.test(message) ? 'retryable' : 'fatal',
    };
  }
  if (status === 410 && (reason === 'fullSyncRequired' || reason === 'updatedMinTooLongAgo' || reason === null))
    return { ...base, kind: 'sync-token-gone' };
  if (status === 401) return { ...base, kind: 'needs-login' };
  if (status === 429 || status >= 500) return { ...base, kind: 'retryable' };
  if (status === 403 && reason !== null && RATE_REASONS.has(reason)) return { ...base, kind: 'retryable' };
  return { ...base, kind: 'fatal' };
}

function reasonOf(data: unknown): string | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as { error?: unknown };
  if (typeof d.error === 'string') return d.error; // OAuth token endpoint: {"error": "invalid_grant"}
  const inner = d.error as
    { errors?: Array<{ reason?: unknown }>; details?: Array<{ reason?: unknown }>; status?: unknown } | undefined;
  const r = inner?.errors?.[0]?.reason ?? inner?.details?.find((x) => typeof x.reason === 'string')?.reason;
  return typeof r === 'string' ? r : null;
}

function messageOf(data: unknown): string | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as { error?: unknown; error_description?: unknown };
  if (typeof d.error === 'string')
    return typeof d.error_description === 'string' ? `${d.error}: ${d.error_description}` : d.error;
  const m = (d.error as { message?: unknown } | undefined)?.message;
  return typeof m === 'string' ? m : null;
}

type Headers = NonNullable<ErrorLike['response']>['headers'];

function header(h: Headers, name: string): string | null {
  if (!h) return null;
  if (typeof (h as { get?: unknown }).get === 'function') return (h as { get(n: string): string | null }).get(name);
  const rec = h as Record<string, string>;
  return rec[name] ?? rec[name.toLowerCase()] ?? null;
}

function causeCode(cause: unknown): string | undefined {
  const c = cause as { code?: unknown; cause?: unknown } | undefined;
  if (typeof c?.code === 'string') return c.code;
  return c?.cause ? causeCode(c.cause) : undefined;
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export class MalformedResponseError extends Error {
  constructor(what: string) {
    super(`Google sent a malformed ${what}`);
    this.name = 'MalformedResponseError';
  }
}

export class SyncTokenGoneError extends Error {
  constructor(readonly calendarId: string) {
    super(`sync token of ${calendarId} is no longer valid (410); a full sync follows`);
    this.name = 'SyncTokenGoneError';
  }
}

export class NeedsLoginError extends AppError {
  constructor(
    readonly accountId: string,
    readonly email: string,
    reason: string,
  ) {
    super('needs-login', `${email} needs to sign in again: ${reason}. Run \`calsync login\`.`);
  }
}

export class GoogleCallError extends AppError {
  constructor(
    label: string,
    readonly failure: GoogleFailure,
  ) {
    super(
      failure.kind === 'retryable'
        ? 'google-unavailable'
        : failure.kind === 'needs-login'
          ? 'needs-login'
          : 'google-error',
      `${label} failed${failure.status ? ` (HTTP ${failure.status}${failure.reason ? ` ${failure.reason}` : ''})` : ''}: ${failure.message}`,
    );
  }
}

export class BudgetExceededError extends AppError {
  constructor(what: string, budgetMs: number, cause: string) {
    super(
      'budget-exceeded',
      `${what} ran out of its ${Math.round(budgetMs / 1000)} s time budget (${cause}); pages already stored are kept, the rest follows next run`,
    );
  }
}
