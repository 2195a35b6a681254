// Runs one CLI action: builds the engine, prints either one JSON document on
// stdout or text for people, maps failures to exit codes with a one-line
// reason on stderr, and always closes the engine.
import { createApp, type CalsyncApp, type CreateAppOptions } from '../core/app';
import path from 'node:path';
import { resolveConfig } from '../core/config/app-config';
import { createLogger } from '../core/log/logger';
import { isDamaged } from '../core/store/sqlite-errors';
import { toErrorData } from '../../shared/errors';
import { EXIT, type ExitCode } from './exit-codes';
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

/** People at a terminal see warnings and errors; the log file keeps the rest. */
function cliLogger() {
  const config = resolveConfig();
  return createLogger({ level: process.env.CALSYNC_LOG_LEVEL ?? 'warn', file: path.join(config.paths.logs, 'calsync.log') });
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
      if (isDamaged(e)) app?.store.noteDamage(); // the next start checks and rebuilds the file
      const err = toErrorData(e);
      say(process.stderr, `calsync: ${inert(err.message.split('\n')[0]!)}`);
      code = err.code === 'bad-input' ? EXIT.usage : err.code === 'locked' ? EXIT.locked : EXIT.failure;
    } finally {
      await app?.close().catch(() => undefined);
    }
    process.exitCode = code;
  };
}
