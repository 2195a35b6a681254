// `calsync demo`: the window (as `calsync serve` serves it) over a sample
// account — no Google account, no sign-in, nothing of the user's data read or
// written: the session lives in a temporary data dir removed on Ctrl-C.
import { InvalidArgumentError, type Command } from 'commander';
import path from 'node:path';
import { toErrorData } from '../../../shared/errors';
import type { DemoSession } from '../../core/demo/demo-session';
import { DEFAULT_DEMO_SEED, parseSampleNow } from '../../core/demo/sample-time';
import { createLogger } from '../../core/log/logger';
import { EXIT } from '../../../shared/error-map';
import { parsePort } from '../parse';
import { inert, inertJson, say } from '../terminal';

interface DemoCliOptions {
  port: number;
  open: boolean;
  seed: number;
  now?: number | null;
  json?: boolean;
}

function parseSeed(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff)
    throw new InvalidArgumentError('expected a whole number 0–4294967295');
  return n;
}

function parseNow(value: string): number | null {
  try {
    return parseSampleNow(value);
  } catch (e) {
    throw new InvalidArgumentError(toErrorData(e).message);
  }
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('try calsync without a Google account: a sample account in the window, on 127.0.0.1, until Ctrl-C')
    .option('--port <n>', 'port on 127.0.0.1 (default: any free port)', parsePort, 0)
    .option('--no-open', 'print the window URL instead of opening the browser')
    .option('--seed <n>', 'which sample account (the same seed gives the same account)', parseSeed, DEFAULT_DEMO_SEED)
    .option('--now <instant>', "the demo clock's start, e.g. 2026-03-04T10:00:00Z (default: now)", parseNow)
    .option('--json', 'print the JSON line {"url": "…", "dataDir": "…", "events": N} once the sample account is synced')
    .action(async (opts: DemoCliOptions) => {
      let session: DemoSession | null = null;
      try {
        // The engine, the sample provider and the HTTP server load only for this command.
        const [{ startDemo }, { serve }] = await Promise.all([
          import('../../core/demo/demo-session'),
          import('../../server/serve'),
        ]);
        const level = process.env.CALSYNC_LOG_LEVEL ?? 'warn';
        session = await startDemo({
          seed: opts.seed,
          now: opts.now ?? null,
          logger: (dir) => createLogger({ level, file: path.join(dir, 'logs', 'calsync.log') }),
        });
        const { app, dir } = session;
        const events = app.store.events.count();
        await serve(app, {
          port: opts.port,
          onListening: (url) => {
            if (opts.json) process.stdout.write(`${inertJson({ url, dataDir: dir, events })}\n`);
            else
              say(
                process.stdout,
                `${url}\ncalsync demo: a sample account (${events} events, ${session?.data.tasks.length ?? 0} tasks) in ${dir}, removed when you stop. Your own calendars and settings are not touched. Stop with Ctrl-C.`,
              );
            if (opts.open) void openBrowser(url);
          },
        });
        if (!opts.json) say(process.stdout, 'calsync demo stopped.');
      } catch (e) {
        say(process.stderr, `calsync: ${inert(toErrorData(e).message.split('\n')[0]!)}`);
        process.exitCode = EXIT.failure;
      } finally {
        await session
          ?.close()
          .catch((e: unknown) =>
            say(process.stderr, `calsync: could not remove the demo's data: ${inert(toErrorData(e).message)}`),
          );
      }
    });
}

async function openBrowser(url: string): Promise<void> {
  const { default: open } = await import('open');
  await open(url).catch(() => say(process.stderr, 'calsync: could not open a browser; open the URL above yourself'));
}
