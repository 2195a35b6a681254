// The one place a transport turns a failed call into data and a log line:
// HTTP, IPC and the CLI all call this, so an unexpected error (anything that
// is not an AppError: a bug, a library's throw) is logged with its stack on
// every transport, and an expected one at the level error-map.ts gives it.
import type { AppErrorData } from '../../../shared/errors';
import { isAppError, toErrorData } from '../../../shared/errors';
import { errorRoute } from '../../../shared/error-map';
import type { Logger } from '../log/logger';

export type Transport = 'http' | 'ipc' | 'cli';

/** `errorCode`, not `code`, in the log line: the log's redaction blanks any `code` (OAuth's authorization code). */
export function reportFailure(
  log: Logger,
  transport: Transport,
  opName: string,
  e: unknown,
  context: Record<string, unknown> = {},
): AppErrorData {
  // An unknown operation's name is the caller's text: bounded before it reaches the log.
  const op = opName.slice(0, 60);
  const error = toErrorData(e);
  if (!isAppError(e)) {
    log.error({ ...context, err: e, transport, op, errorCode: error.code }, `${transport} ${op} failed unexpectedly`);
    return error;
  }
  log[errorRoute(error.code).log](
    { ...context, transport, op, errorCode: error.code },
    `${transport} ${op}: ${error.message}`,
  );
  return error;
}
