// One pino logger for the engine. Logs go to stderr (stdout belongs to the CLI's
// JSON output) and, when a file is given, to the data dir's log file too.
import pino, { type Logger } from 'pino';
import { createPrivateFile } from '../config/private-files';
import { scrubSecrets } from '../../../shared/scrub';
import { redact } from './redact';

export type { Logger };

export interface LoggerOptions {
  /** Level on stderr; without one, CALSYNC_LOG_LEVEL or "info". */
  level?: string;
  file?: string;
  fileLevel?: string;
  /**
   * Write each line to the file as it is logged. A short-lived process (the CLI)
   * wants this: an asynchronous file stream is flushed at exit by pino, and that
   * flush ends in an fsync (18 ms in a profile of `calsync status`) even when
   * nothing was logged. Default false: the engine's long-running shells buffer.
   */
  fileSync?: boolean;
  /** Where stderr-level lines go instead of stderr (tests capture them); null: nowhere, only to the file. */
  stream?: pino.DestinationStream | null;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const level = opts.level ?? process.env.CALSYNC_LOG_LEVEL ?? 'info';
  const streams: pino.StreamEntry[] =
    opts.stream === null
      ? []
      : [{ level: level as pino.Level, stream: opts.stream ?? pino.destination({ fd: 2, sync: true }) }];
  if (opts.file && level !== 'silent') {
    // pino would create it with the umask's mode (0644): it holds account ids and calendar names.
    try {
      createPrivateFile(opts.file);
    } catch (e) {
      // An unwritable logs dir: pino reports that itself, as before; the log must not stop the engine.
      process.stderr.write(
        `calsync: cannot create the log file ${opts.file} (${(e as NodeJS.ErrnoException).code ?? 'error'})\n`,
      );
    }
    streams.push({
      level: (opts.fileLevel ?? 'info') as pino.Level,
      stream: pino.destination({ dest: opts.file, mkdir: true, sync: opts.fileSync ?? false }),
    });
  }
  const lowest = streams
    .map((s) => pino.levels.values[s.level as string] ?? Infinity)
    .reduce((a, b) => Math.min(a, b), Infinity);
  return pino(
    {
      level: level === 'silent' ? 'silent' : (pino.levels.labels[lowest] ?? 'info'),
      base: { pid: process.pid },
      formatters: { log: (obj) => redact(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? scrubSecrets(a) : a)) as Parameters<typeof method>,
          );
        },
      },
    },
    pino.multistream(streams),
  );
}

/** A logger that drops everything, for pure tests. */
export const silentLogger: Logger = pino({ level: 'silent' });
