// Runs one CLI action: builds the engine, prints either one JSON document on
// stdout or text for people, maps failures to exit codes with a one-line
// reason on stderr, and always closes the engine.
import { createApp, type CalsyncApp, type CreateAppOptions } from '../core/app';
import path from 'node:path';
import { resolveConfig } from '../core/config/app-config';
import { createLogger } from '../core/log/logger';
import { toErrorData } from '../../shared/errors';
import { EXIT, type ExitCode } from './exit-codes';
import { dailyNotices } from './daily-notices';
import { logFormat, logLines } from './log-lines';
import { plainError } from './plain-errors';
import { inert, inertJson, say } from './terminal';

export interface CommandOutput {
  /** undefined: the command printed its lines early and has nothing to add (serve). */
  json: unknown;
  text: string;
  exitCode?: ExitCode;
}

export interface CommandContext {
  app: CalsyncApp;
  json: boolean;
  /** Prints a line now (before the command ends), e.g. the login URL. */
  early(json: unknown, text: string): void;
}

export type Action<A extends unknown[]> = (ctx: CommandContext, ...args: A) => Promise<CommandOutput>;

let appOptions: CreateAppOptions = {};
export function setAppOptions(o: CreateAppOptions): void {
  appOptions = o;
}

/** People at a terminal see warnings and errors, one short line each (log-lines.ts); the log file keeps the rest. */
function cliLogger() {
  const config = resolveConfig();
  const stream = logLines(process.stderr, logFormat(process.env, process.stderr.isTTY === true), dailyNotices(config.paths.dir));
  return createLogger({ level: process.env.CALSYNC_LOG_LEVEL ?? 'warn', file: path.join(config.paths.logs, 'calsync.log'), stream });
}

export function runAction<A extends unknown[]>(action: Action<A>) {
  // commander calls actions with (...positionals, options, command).
  return async (...args: unknown[]) => {
    const opts = args[args.length - 2] as { json?: boolean };
    const json = opts.json === true;
    let app: CalsyncApp | null = null;
    let code: ExitCode = EXIT.ok;
    try {
      app = createApp({ logger: cliLogger(), ...appOptions });
      const ctx: CommandContext = {
        app,
        json,
        early: (doc, text) => (json ? process.stdout.write(`${inertJson(doc)}\n`) : say(process.stdout, text)),
      };
      const out = await action(ctx, ...(args.slice(0, -1) as A));
      if (json && out.json !== undefined) process.stdout.write(`${inertJson(out.json)}\n`);
      else if (!json && out.text) say(process.stdout, out.text);
      code = out.exitCode ?? EXIT.ok;
    } catch (e) {
      const err = toErrorData(e);
      const line = err.message.split('\n')[0]!;
      say(process.stderr, `calsync: ${inert(json ? line : plainError(line))}`);
      code = err.code === 'bad-input' ? EXIT.usage : err.code === 'locked' ? EXIT.locked : EXIT.failure;
    } finally {
      await app?.close().catch(() => undefined);
    }
    process.exitCode = code;
  };
}
