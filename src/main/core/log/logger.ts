// One pino logger for the engine. Logs go to stderr (stdout belongs to the CLI's
// JSON output) and, when a file is given, to the data dir's log file too.
import pino, { type Logger } from 'pino';
import { redact, scrubString } from './redact';

export type { Logger };

export interface LoggerOptions {
  level?: string;
  file?: string;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const level = opts.level ?? process.env.CALSYNC_LOG_LEVEL ?? 'info';
  const streams: pino.StreamEntry[] = [{ stream: pino.destination({ fd: 2, sync: true }) }];
  if (opts.file) streams.push({ stream: pino.destination({ dest: opts.file, mkdir: true, sync: false }) });
  return pino(
    {
      level,
      base: { pid: process.pid },
      formatters: { log: (obj) => redact(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? scrubString(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    pino.multistream(streams),
  );
}

/** A logger that drops everything, for pure tests. */
export const silentLogger: Logger = pino({ level: 'silent' });
