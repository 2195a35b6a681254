// Runs one CLI action: builds the engine, prints either one JSON document on
// stdout or text for people, maps failures to exit codes (shared/error-map.ts)
// with a one-line reason on stderr, and always closes the engine.
import { createApp, type CalsyncApp, type CreateAppOptions } from '../core/app';
import type { Command } from 'commander';
import path from 'node:path';
import { reportFailure } from '../core/api/failure-report';
import { resolveConfig } from '../core/config/app-config';
import { createLogger } from '../core/log/logger';
import { isDamaged } from '../core/store/sqlite-errors';
import { toErrorData, type AppErrorData } from '../../shared/errors';
import { EXIT, errorRoute, type ExitCode } from '../../shared/error-map';
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

const logFile = () => path.join(resolveConfig().paths.logs, 'calsync.log');

/** People at a terminal see warnings and errors, one short line each (log-lines.ts); the log file keeps the rest. */
function cliLogger() {
  const config = resolveConfig();
  const stream = logLines(
    process.stderr,
    logFormat(process.env, process.stderr.isTTY === true),
    dailyNotices(config.paths.dir),
  );
  return createLogger({
    level: process.env.CALSYNC_LOG_LEVEL ?? 'warn',
    file: path.join(config.paths.logs, 'calsync.log'),
    fileSync: true,
    stream,
  });
}

/**
 * A failed command, reported like a failed call on the other transports: to the
 * log file only, since stderr already carries its one-line reason (DESIGN.md §6).
 */
function reportCliFailure(command: string, e: unknown): AppErrorData {
  let file: string;
  try {
    file = logFile();
  } catch {
    // No readable configuration, so no log file: the reason on stderr is all there is (the command failed for that cause).
    return toErrorData(e);
  }
  return reportFailure(createLogger({ stream: null, file, fileSync: true }), 'cli', command, e);
}

/** A command's engine: the CLI's syncs show as 'cli' in the sync log, and its `login` ends at the sign-in, without a sync. */
const CLI_ENGINE: CreateAppOptions = { syncNowTrigger: 'cli', syncAfterLogin: false };
/** `serve` runs the window's engine: its "Sync now" and sign-ins behave as in the tray app. */
export const WINDOW_ENGINE: CreateAppOptions = { syncNowTrigger: 'manual', syncAfterLogin: true };

export function runAction<A extends unknown[]>(action: Action<A>, engine: CreateAppOptions = CLI_ENGINE) {
  // commander calls actions with (...positionals, options, command).
  return async (...args: unknown[]) => {
    const opts = args[args.length - 2] as { json?: boolean };
    const command = (args[args.length - 1] as Command).name();
    const json = opts.json === true;
    let app: CalsyncApp | null = null;
    let code: ExitCode = EXIT.ok;
    try {
      app = createApp({ logger: cliLogger(), ...engine, ...appOptions });
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
      if (isDamaged(e)) app?.store.noteDamage(); // the next start checks and rebuilds the file
      const err = reportCliFailure(command, e);
      const line = err.message.split('\n')[0]!;
      say(process.stderr, `calsync: ${inert(json ? line : plainError(line))}`);
      code = errorRoute(err.code).exit;
    } finally {
      await app?.close().catch(() => undefined);
    }
    process.exitCode = code;
  };
}
