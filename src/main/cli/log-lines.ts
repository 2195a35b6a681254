// What the engine logs on stderr while a command runs. At a terminal a person
// reads it: one short line per warning or error ("calsync: can't reach
// Google, retrying in 30 s…"), not pino's JSON. JSON lines stay for programs:
// when CALSYNC_LOG_FORMAT=json, or when stderr is not a terminal (a pipe, a
// log collector, the tests). Either way a notice that repeats on every command
// is said once a day (daily-notices.ts). This is the logger's stderr stream.
import type { DailyNotices } from './daily-notices';
import { plainError, plainRetry } from './plain-errors';
import { inert } from './terminal';

export type LogFormat = 'human' | 'json';

export function logFormat(env: NodeJS.ProcessEnv, stderrIsTty: boolean): LogFormat {
  if (env.CALSYNC_LOG_FORMAT === 'json') return 'json';
  if (env.CALSYNC_LOG_FORMAT === 'human') return 'human';
  return stderrIsTty ? 'human' : 'json';
}

interface LogRecord {
  level?: number;
  msg?: string;
  delayMs?: number;
  status?: number | null;
  reason?: string | null;
  err?: { message?: string } | string;
}

const LABEL: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warning', 50: 'error', 60: 'fatal' };

/** One pino JSON line → one line for a person ('' when there is nothing to say). */
export function humanLine(record: LogRecord): string {
  const msg = record.msg ?? '';
  if (typeof record.delayMs === 'number' && msg.startsWith('retrying')) {
    return `calsync: ${plainRetry({ delayMs: record.delayMs, status: record.status ?? null, reason: record.reason ?? null })}`;
  }
  const err = typeof record.err === 'string' ? record.err : record.err?.message;
  const level = LABEL[record.level ?? 30] ?? 'info';
  const detail = err ? ` (${plainError(err.split('\n')[0]!)})` : '';
  return `calsync: ${level === 'info' ? '' : `${level}: `}${inert(`${msg}${detail}`)}`;
}

/** The stream pino writes its stderr lines to. */
export function logLines(
  out: NodeJS.WritableStream,
  format: LogFormat,
  notices: DailyNotices,
): { write(line: string): void } {
  return {
    write(line: string) {
      let record: LogRecord;
      try {
        record = JSON.parse(line) as LogRecord;
      } catch {
        out.write(line); // not pino's JSON: pass it on as it came
        return;
      }
      if (typeof record.msg === 'string' && !notices.shouldSay(record.msg)) return;
      if (format === 'json') out.write(line);
      else {
        const text = humanLine(record);
        // On a terminal the line starts by clearing a progress line (progress.ts) the warning would otherwise run into.
        const clear = (out as NodeJS.WriteStream).isTTY ? '\r\u001b[2K' : '';
        if (text) out.write(`${clear}${text}\n`);
      }
    },
  };
}
