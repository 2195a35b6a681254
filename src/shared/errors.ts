// Errors cross every boundary (IPC, HTTP, CLI) as data: a stable code for
// programs and a message for people. Electron only passes `message` of a thrown
// Error, so transports serialise AppErrorData instead of throwing across.

export type ErrorCode =
  | 'bad-input'
  | 'not-found'
  | 'conflict'
  | 'locked'
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
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  toData(): AppErrorData {
    return this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** A user-facing message for anything thrown, without leaking a stack. */
export function toErrorData(e: unknown): AppErrorData {
  if (e instanceof AppError) return e.toData();
  if (e instanceof Error) return { code: 'internal', message: e.message || e.name };
  return { code: 'internal', message: String(e) };
}
