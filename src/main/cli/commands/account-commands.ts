import type { Command } from 'commander';
import type { EngineEvent } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import type { EngineBus } from '../../core/engine-bus';
import { runAction } from '../command-runner';
import { table } from '../format';
import { inert } from '../terminal';

export function registerAccountCommands(program: Command): void {
  program
    .command('login')
    .description('sign in with Google in the browser (loopback redirect)')
    .option('--no-open', 'print the consent URL instead of opening the browser')
    .option('--write', 'also allow calsync to create events (needed to accept planned blocks)')
    .option(
      '--tasks',
      'also allow calsync to read Google Tasks (to import them; asked anyway while googleTasks.import is on)',
    )
    .option(
      '--tasks-write',
      'also allow calsync to change Google Tasks (an imported task you complete in calsync is completed at Google too)',
    )
    .option('--json', 'print JSON lines: {"authUrl"} first, the account last')
    .action(
      runAction(
        async ({ app, early }, opts: { open: boolean; write?: boolean; tasks?: boolean; tasksWrite?: boolean }) => {
          // Like a window: startLogin answers with the consent URL, the outcome arrives as a login-finished event.
          const outcome = loginOutcome(app.bus);
          try {
            const { authUrl } = await app.api.startLogin({
              write: opts.write === true,
              tasks: opts.tasks === true,
              tasksWrite: opts.tasksWrite === true,
            });
            early({ authUrl }, `Sign in to Google in your browser:\n${authUrl}\nWaiting for the browser…`);
            if (opts.open) {
              const { default: open } = await import('open');
              await open(authUrl).catch(() =>
                process.stderr.write('calsync: could not open a browser; open the URL above yourself\n'),
              );
            }
            const done = await outcome.finished;
            if (!done.ok || !done.account)
              throw new AppError(done.code ?? 'auth-failed', done.error ?? 'sign-in failed');
            return {
              json: done.account,
              text: `Signed in as ${inert(done.account.email)}. Run \`calsync sync\` to fetch your calendars.`,
            };
          } finally {
            outcome.stop();
          }
        },
      ),
    );

  program
    .command('accounts')
    .description('Google accounts calsync knows')
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }) => {
        const list = await app.api.listAccounts({});
        const rows = list.map((a) => [
          a.email,
          a.status,
          `${a.canWrite ? 'read+write' : 'read'}${a.canWriteTasks ? '+tasks(write)' : a.canReadTasks ? '+tasks' : ''}`,
          a.signInExpiresAt ?? 'no limit',
          a.statusReason ?? '',
          a.id,
        ]);
        return { json: list, text: table(rows, ['email', 'status', 'access', 'sign-in expires', 'reason', 'id']) };
      }),
    );

  program
    .command('logout <account>')
    .description('revoke an account at Google and forget its tokens (and, unless --keep-events, its cached events)')
    .option('--keep-events', 'keep the cached events of this account')
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }, account: string, opts: { keepEvents?: boolean }) => {
        const r = await app.api.logout({ account, keepEvents: opts.keepEvents === true });
        return {
          json: r,
          text: `Signed out ${inert(r.account.email)}${r.eventsRemoved ? `; removed ${r.eventsRemoved} cached events` : ''}.`,
        };
      }),
    );
}

type LoginFinished = Extract<EngineEvent, { type: 'login-finished' }>;

/** Listens before the login starts, so an outcome that comes at once is not missed. */
function loginOutcome(bus: EngineBus): { finished: Promise<LoginFinished>; stop: () => void } {
  let stop = () => {};
  const finished = new Promise<LoginFinished>((resolve) => {
    stop = bus.subscribe((e) => {
      if (e.type === 'login-finished') resolve(e);
    });
  });
  return { finished, stop };
}
