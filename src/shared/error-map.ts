// One table from an error code to what each transport does with it: the HTTP
// status, the CLI's exit code (DESIGN.md §6) and the level a failed call is
// logged at. IPC carries the code itself; HTTP, IPC and the CLI all read this
// table, so an error cannot mean one thing on one transport and another on the next.
import type { ErrorCode } from './errors';

/** DESIGN.md §6: 0 success, 1 failure, 2 bad usage, 3 skipped (lock held elsewhere). */
export const EXIT = { ok: 0, failure: 1, usage: 2, locked: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export type FailureLogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface ErrorRoute {
  http: number;
  exit: ExitCode;
  /** A failed call with this code is logged at this level; a failure that is not an AppError always at `error`. */
  log: FailureLogLevel;
}

const route = (http: number, exit: ExitCode, log: FailureLogLevel): ErrorRoute => ({ http, exit, log });

export const ERROR_MAP: { readonly [C in ErrorCode]: ErrorRoute } = {
  // The caller's mistake: nothing for the operator to do.
  'bad-input': route(400, EXIT.usage, 'debug'),
  'unknown-operation': route(404, EXIT.usage, 'warn'),
  'not-found': route(404, EXIT.failure, 'debug'),
  conflict: route(409, EXIT.failure, 'info'),
  locked: route(409, EXIT.locked, 'info'),
  // Who may call: a foreign page or frame, or a client without the access token (never Google's or Supabase's sign-in).
  refused: route(403, EXIT.failure, 'warn'),
  'bad-token': route(401, EXIT.failure, 'warn'),
  // State the user resolves (sign in, grant, configure).
  'needs-login': route(409, EXIT.failure, 'info'),
  'needs-consent': route(403, EXIT.failure, 'info'),
  'not-configured': route(409, EXIT.failure, 'info'),
  // The outside world failed us: a gateway's answer.
  'auth-failed': route(502, EXIT.failure, 'warn'),
  'google-unavailable': route(503, EXIT.failure, 'warn'),
  'google-error': route(502, EXIT.failure, 'warn'),
  'budget-exceeded': route(504, EXIT.failure, 'warn'),
  'supabase-error': route(502, EXIT.failure, 'warn'),
  // Ours.
  'storage-error': route(500, EXIT.failure, 'error'),
  internal: route(500, EXIT.failure, 'error'),
};

export function errorRoute(code: ErrorCode): ErrorRoute {
  // A code from a newer peer (an error read back from data) is treated as internal.
  return ERROR_MAP[code] ?? ERROR_MAP.internal;
}
