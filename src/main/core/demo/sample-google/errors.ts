// Google's JSON error envelopes. Messages, domains and reasons are copied from
// the real bodies in ../shared/fixtures/google (see SOURCES.md there); `status`
// is the modern gRPC code Google adds, left out where no capture shows one.

interface ErrorSpec {
  code: number;
  message: string;
  errorMessage?: string; // errors[0].message when it differs from the top message
  domain: string;
  reason: string;
  status?: string;
  location?: string;
  locationType?: string;
}

const AUTH_HELP = 'Expected OAuth 2 access token, login cookie or other valid authentication credential.';

export const ERRORS = {
  parseError: { code: 400, message: 'Parse Error', domain: 'global', reason: 'parseError', status: 'INVALID_ARGUMENT' },
  badRequest: { code: 400, message: 'Bad Request', domain: 'global', reason: 'badRequest', status: 'INVALID_ARGUMENT' },
  invalid: { code: 400, message: 'Invalid Value', domain: 'global', reason: 'invalid', status: 'INVALID_ARGUMENT' },
  required: { code: 400, message: 'Required', domain: 'global', reason: 'required', status: 'INVALID_ARGUMENT' },
  timeRangeEmpty: {
    code: 400,
    message: 'The specified time range is empty.',
    domain: 'calendar',
    reason: 'timeRangeEmpty',
    status: 'INVALID_ARGUMENT',
  },
  tooManyCalendarsRequested: {
    code: 400,
    message: 'The number of calendars requested is too large for a single query.',
    domain: 'calendar',
    reason: 'tooManyCalendarsRequested',
    status: 'INVALID_ARGUMENT',
  },
  // error_unauthorized.json
  authError: {
    code: 401,
    message: `Request had invalid authentication credentials. ${AUTH_HELP}`,
    errorMessage: 'Invalid Credentials',
    domain: 'global',
    reason: 'authError',
    status: 'UNAUTHENTICATED',
    location: 'Authorization',
    locationType: 'header',
  },
  loginRequired: {
    code: 401,
    message: `Request is missing required authentication credential. ${AUTH_HELP}`,
    errorMessage: 'Login Required.',
    domain: 'global',
    reason: 'required',
    status: 'UNAUTHENTICATED',
    location: 'Authorization',
    locationType: 'header',
  },
  // northworld 403_rate_limit.json / 403_user_rate_limit.json / 403_calendar_rate_limit.json
  rateLimitExceeded: {
    code: 403,
    message: 'Rate Limit Exceeded',
    domain: 'usageLimits',
    reason: 'rateLimitExceeded',
    status: 'PERMISSION_DENIED',
  },
  userRateLimitExceeded: {
    code: 403,
    message: 'User Rate Limit Exceeded',
    domain: 'usageLimits',
    reason: 'userRateLimitExceeded',
    status: 'PERMISSION_DENIED',
  },
  quotaExceeded: {
    code: 403,
    message: 'Calendar usage limits exceeded.',
    domain: 'usageLimits',
    reason: 'quotaExceeded',
    status: 'PERMISSION_DENIED',
  },
  // error_forbidden.json
  insufficientPermissions: {
    code: 403,
    message: 'Request had insufficient authentication scopes.',
    errorMessage: 'Insufficient Permission',
    domain: 'global',
    reason: 'insufficientPermissions',
    status: 'PERMISSION_DENIED',
  },
  requiredAccessLevel: {
    code: 403,
    message: 'You need to have writer access to this calendar.',
    domain: 'calendar',
    reason: 'requiredAccessLevel',
    status: 'PERMISSION_DENIED',
  },
  forbidden: { code: 403, message: 'Forbidden', domain: 'global', reason: 'forbidden', status: 'PERMISSION_DENIED' },
  // CalCentral Google_events_delete.json
  notFound: { code: 404, message: 'Not Found', domain: 'global', reason: 'notFound', status: 'NOT_FOUND' },
  // northworld 409.json
  duplicate: {
    code: 409,
    message: 'The requested identifier already exists.',
    domain: 'global',
    reason: 'duplicate',
    status: 'ALREADY_EXISTS',
  },
  // northworld 410.json: deleting what is already deleted
  deleted: { code: 410, message: 'Resource has been deleted', domain: 'global', reason: 'deleted' },
  // error_sync_token_gone.json
  fullSyncRequired: {
    code: 410,
    message: 'Sync token is no longer valid, a full sync is required.',
    domain: 'global',
    reason: 'fullSyncRequired',
    status: 'ABORTED',
  },
  // northworld 412.json (with its trailing comma removed)
  conditionNotMet: {
    code: 412,
    message: 'Precondition Failed',
    domain: 'global',
    reason: 'conditionNotMet',
    location: 'If-Match',
    locationType: 'header',
  },
  // error_concurrency_exceeded.json
  tooManyRequests: {
    code: 429,
    message: 'Too many concurrent requests for user.',
    domain: 'global',
    reason: 'rateLimitExceeded',
    status: 'RESOURCE_EXHAUSTED',
  },
  backendError: { code: 500, message: 'Backend Error', domain: 'global', reason: 'backendError', status: 'INTERNAL' },
  unavailable: {
    code: 503,
    message: 'The service is currently unavailable.',
    domain: 'global',
    reason: 'backendError',
    status: 'UNAVAILABLE',
  },
} satisfies Record<string, ErrorSpec>;

export type ErrorName = keyof typeof ERRORS;

export interface ErrorOverrides {
  message?: string;
  location?: string;
  locationType?: string;
  /** google.rpc details after `status`, as the modern envelope carries them (a scope error's ErrorInfo). */
  details?: unknown[];
}

export function errorBody(spec: ErrorSpec, o: ErrorOverrides = {}): { error: Record<string, unknown> } {
  const message = o.message ?? spec.message;
  const item: Record<string, unknown> = {
    message: o.message ?? spec.errorMessage ?? spec.message,
    domain: spec.domain,
    reason: spec.reason,
  };
  const location = o.location ?? spec.location;
  if (location) {
    item.location = location;
    item.locationType = o.locationType ?? spec.locationType ?? 'parameter';
  }
  const error: Record<string, unknown> = { code: spec.code, message, errors: [item] };
  if (spec.status) error.status = spec.status;
  if (o.details) error.details = o.details;
  return { error };
}

/** Thrown by handlers; the server turns it into the envelope. */
export class GoogleApiError extends Error {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
  constructor(name: ErrorName, o: ErrorOverrides = {}) {
    const spec: ErrorSpec = ERRORS[name];
    super(o.message ?? spec.message);
    this.status = spec.code;
    this.body = errorBody(spec, o);
    // Google's 401s name the scheme, as RFC 6750 asks.
    this.headers = spec.code === 401 ? { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/"' } : {};
  }
}

const DEFAULT_FOR_STATUS: Record<number, ErrorName> = {
  400: 'badRequest',
  401: 'authError',
  403: 'rateLimitExceeded',
  404: 'notFound',
  409: 'duplicate',
  410: 'deleted',
  412: 'conditionNotMet',
  429: 'tooManyRequests',
  500: 'backendError',
  503: 'unavailable',
};

/** The body a fault rule `{status, reason}` sends: the catalog entry for that reason/status, else a generic envelope. */
export function faultBody(status: number, reason?: string): unknown {
  const byReason = (Object.values(ERRORS) as ErrorSpec[]).find((s) => s.code === status && s.reason === reason);
  if (byReason) return errorBody(byReason);
  const named = DEFAULT_FOR_STATUS[status];
  if (named && !reason) return errorBody(ERRORS[named]);
  return errorBody({
    code: status,
    message: reason ?? `HTTP ${status}`,
    domain: 'global',
    reason: reason ?? 'unknown',
  });
}
