import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { EXIT } from '../../../shared/error-map';
import type { SyncRun } from '../../../shared/domain';
import type { CalsyncApp } from '../../core/app';
import { runningAppPid } from '../../core/control/control-file';
import { runAction } from '../command-runner';
import { ago, describeRun, table } from '../format';
import { parsePositiveInt } from '../parse';
import { viewOf } from '../names';
import { plainError } from '../plain-errors';
import { showSyncProgress } from '../progress';
import { inert, say } from '../terminal';
import { when } from '../when';

/**
 * A running tray app or `calsync serve` of this data dir does the sync (its
 * progress shown here as if it were ours); without one, this process does.
 */
async function syncHereOrInApp(app: CalsyncApp, full: boolean, local: boolean): Promise<SyncRun> {
  // No control file, no app: the client and its schemas are not loaded for nothing on the path that has no app.
  if (!local && existsSync(app.config.paths.control)) {
    const { syncInRunningApp } = await import('../../core/control/control-client');
    const handed = await syncInRunningApp(app.config.paths.control, { full }, { onProgress: (e) => app.bus.emit(e) });
    if (handed.ran) return handed.run;
    app.log.debug(`syncing in this process: ${handed.reason}`);
  } else
    app.log.debug(local ? 'syncing in this process: --local' : 'syncing in this process: no calsync app is running');
  return app.api.syncNow({ full });
}

export function registerSyncCommands(program: Command): void {
  program
    .command('sync')
    .description('one sync pass over the enabled calendars of every account, now')
    .option('--full', 'ignore sync tokens and list everything again')
    .option('--local', 'sync in this process even when the tray app or `calsync serve` is running')
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app, json }, opts: { full?: boolean; local?: boolean }) => {
        const clearProgress = showSyncProgress(app, json);
        const run = await syncHereOrInApp(app, opts.full === true, opts.local === true).finally(clearProgress);
        const exitCode = run.status === 'skipped' ? EXIT.locked : run.status === 'succeeded' ? EXIT.ok : EXIT.failure;
        if (exitCode !== EXIT.ok)
          say(
            process.stderr,
            `calsync: sync ${run.status}: ${run.error ? inert(json ? run.error : plainError(run.error)) : 'see `calsync runs`'}`,
          );
        return { json: run, text: json ? '' : describeRun(run, await viewOf(app)), exitCode };
      }),
    );

  program
    .command('runs')
    .description('the sync log, newest first')
    .option('--limit <n>', 'how many runs', parsePositiveInt, 20)
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app, json }, opts: { limit: number }) => {
        const runs = await app.api.listRuns({ limit: opts.limit });
        const view = json ? undefined : await viewOf(app);
        return { json: runs, text: runs.length ? runs.map((r) => describeRun(r, view)).join('\n') : '(no runs yet)' };
      }),
    );

  program
    .command('status')
    .description('accounts, calendars, last and next sync, lock holder, pending work')
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app, json }) => {
        const s = await app.api.status({});
        // The zone only when a time is shown in it: reading it may be the process's first Intl call (~40 ms, defaults.ts).
        const zone =
          json || (!s.nextSyncAt && !s.lockHolders.length) ? 'UTC' : (await app.api.getSettings({})).timeZone;
        // This process runs no jobs; the app that does (if any) keeps its own schedule.
        const appPid = s.nextSyncAt || json ? null : await runningAppPid(app.config.paths.control);
        const next = s.nextSyncAt
          ? when(s.nextSyncAt, zone)
          : appPid
            ? `scheduled by the calsync app running as pid ${appPid} (the tray app or \`calsync serve\`)`
            : 'not scheduled in this process (run `calsync serve` or the tray app)';
        const lines = [
          `accounts: ${s.accounts.map((a) => `${inert(a.email)} (${a.status}${a.statusReason ? `: ${inert(a.statusReason)}` : ''})`).join(', ') || 'none — run `calsync login`'}`,
          `last sync: ${s.lastRun ? `${s.lastRun.status} ${ago(s.lastRun.endedAt)}` : 'never'}${s.lastRun?.error ? ` — ${inert(plainError(s.lastRun.error))}` : ''}`,
          `last good sync: ${ago(s.lastSuccessAt)}`,
          `next sync: ${next}`,
          `running now: ${s.running ? `run ${s.running.runId} (${s.running.trigger})` : 'no'}`,
          ...s.lockHolders.map(
            (h) => `lock ${inert(h.name)}: held by ${inert(h.owner)} until ${when(h.expiresAt, zone)}`,
          ),
          `supabase: ${s.outbox.connected ? `connected, ${s.outbox.pending} changes pending${s.outbox.quarantined ? `, ${s.outbox.quarantined} quarantined (calsync supabase status)` : ''}` : 'not connected'}`,
          `proposals pending: ${s.proposalsPending}`,
          `token store: ${s.tokenStore.kind}${s.tokenStore.warning ? ` — ${inert(s.tokenStore.warning)}` : ''}`,
          ...s.problems.map((p) => `problem: ${inert(p)}`),
          '',
          table(
            s.calendars.map((c) => [
              c.account,
              c.enabled ? 'on' : 'off',
              c.summary,
              ago(c.lastSyncedAt),
              c.lastError ?? '',
            ]),
            ['account', 'sync', 'calendar', 'synced', 'error'],
          ),
        ];
        return { json: s, text: lines.join('\n') };
      }),
    );
}
