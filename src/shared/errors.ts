// Errors cross every boundary (IPC, HTTP, CLI) as data: a stable code for
// programs and a message for people. Electron only passes `message` of a thrown
// Error, so transports serialise AppErrorData instead of throwing across; what
// each transport does with a code (status, exit code, log level) is error-map.ts.

import { scrubDeep, scrubSecrets } from './scrub';

export type ErrorCode =
  | 'bad-input'
  | 'unknown-operation'
  | 'not-found'
  | 'conflict'
  | 'locked'
  | 'refused'
  | 'bad-token'
  | 'needs-login'
  | 'needs-consent'
  | 'auth-failed'
  | 'google-unavailable'
  | 'google-error'
  | 'budget-exceeded'
  | 'supabase-error'
  | 'not-configured'
  | 'storage-error'
  | 'internal';

export interface AppErrorData {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export class AppError extends Error implements AppErrorData {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    // An error becomes data here: what a server echoed back (a token in an error body) never travels further.
    super(scrubSecrets(message));
    this.name = 'AppError';
    this.code = code;
    this.details = details === undefined ? undefined : scrubDeep(details);
  }
  toData(): AppErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** SQLite's codes (better-sqlite3 puts them on `code`) in words people can act on. */
function storageError(e: unknown): AppErrorData | null {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code.startsWith('SQLITE_FULL'))
    return {
      code: 'storage-error',
      message:
        'the disk is full: calsync could not write its cache. Free some space; nothing already stored is lost, and the sync repeats from its last stored page.',
    };
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
    return {
      code: 'storage-error',
      message: 'the cache file is damaged; calsync rebuilds it (keeping a copy) the next time it starts.',
    };
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR'))
    return {
      code: 'storage-error',
      message: `calsync cannot write its cache (${code}); check the data folder's permissions and free space.`,
    };
  if (code.startsWith('SQLITE_BUSY'))
    return { code: 'locked', message: 'another calsync process kept the cache busy for too long; try again.' };
  return null;
}

/**
 * A user-facing message for anything thrown, without leaking a stack or a
 * secret: every path that stores, shows or pushes an error (run log, account
 * status, CLI, HTTP, IPC) takes it from here, scrubbed once more for secrets
 * registered after the error was made.
 */
export function toErrorData(e: unknown): AppErrorData {
  const data = rawErrorData(e);
  return data.details === undefined
    ? { code: data.code, message: scrubSecrets(data.message) }
    : { code: data.code, message: scrubSecrets(data.message), details: scrubDeep(data.details) };
}

function rawErrorData(e: unknown): AppErrorData {
  if (e instanceof AppError) return e.toData();
  const storage = storageError(e);
  if (storage) return storage;
  if (e instanceof Error) return { code: 'internal', message: e.message || e.name };
  return { code: 'internal', message: String(e) };
}
