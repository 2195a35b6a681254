// The composition root: builds every engine part once, from configuration,
// for whichever shell runs it (Electron, `calsync serve`, the CLI, tests).
import { hostname } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CalsyncApi } from '../../shared/api';
import { AccountService } from './accounts/account-service';
import { afterSync, engineAfterSyncSteps } from './after-sync';
import { lazyOps, once } from './api/lazy-ops';
import { mirrorOps } from './api/mirror-ops';
import { PLANNING_OPS } from './api/planning-op-names';
import { habitOps } from './api/habit-ops';
import { supabaseOps } from './api/supabase-ops';
import { syncOps } from './api/sync-ops';
import { validatedApi } from './api/validated-api';
import { resolveConfig, type AppConfig } from './config/app-config';
import { describeChange, securePrivateFiles } from './config/private-files';
import { EngineBus } from './engine-bus';
import { NeedsLoginError } from './google/google-errors';
import { GoogleTokens } from './google/google-tokens';
import { Scheduler } from './jobs/scheduler';
import { PLAN_CRON, VERIFY_CRON } from './jobs/schedule';
import type { PlanningDeps } from './app-planning';
import { replanDue } from './planning/replan-due';
import { createLogger, type Logger } from './log/logger';
import { MirrorService } from './mirror/mirror-service';
import { registerSecret } from '../../shared/scrub';
import { PushService } from './push/push-service';
import { WorkspaceLink } from './push/workspace-link';
import { selectVault } from './secrets/select-vault';
import type { TokenVault } from './secrets/token-vault';
import { SettingsService } from './settings/settings-service';
import { StatusService } from './status-service';
import { isDamaged } from './store/sqlite-errors';
import { Store } from './store/store';
import { currentLeaseOwner } from './sync/lease-owner';
import { systemClock, type Clock } from './clock';
import type { SyncDeps } from './sync/sync-context';
import { SyncRunner } from './sync/sync-runner';
import { SyncService } from './sync/sync-service';
import { toErrorData } from '../../shared/errors';
import type { RunningControl } from './control/control-server';
import { TaskImporter } from './tasks-import/task-importer';
import { TaskWriteBack } from './tasks-import/write-back';

export interface CreateAppOptions {
  env?: NodeJS.ProcessEnv;
  vault?: TokenVault;
  logger?: Logger;
  clock?: Clock;
  /** Opens the consent page in the system browser; the CLI's --no-open passes none. */
  openUrl?: (url: string) => Promise<void>;
  /** How the API's `syncNow` shows in the sync log (default 'manual'; the CLI's runs are 'cli'). */
  syncNowTrigger?: 'manual' | 'cli';
  /** Whether a sign-in through the API starts the first sync at once (default true; the CLI's `login` does not). */
  syncAfterLogin?: boolean;
  /** better-sqlite3 addon built for the running runtime (the Electron shell's); default: node_modules' copy. */
  nativeBinding?: string;
  /** The demo account (core/demo): status says so (the window and tray show "Demo"), and `vault` is used as given. */
  demo?: boolean;
}

export interface CalsyncApp {
  config: AppConfig;
  store: Store;
  bus: EngineBus;
  log: Logger;
  api: CalsyncApi;
  accounts: AccountService;
  sync: SyncService;
  push: PushService;
  settings: SettingsService;
  scheduler: Scheduler;
  /** Busy mirroring (core/mirror): rules, run after each sync of their source account. */
  mirrors: MirrorService;
  /** Background jobs (shells that stay running call this; the CLI does not); resolves once they are scheduled. */
  startJobs(): Promise<void>;
  close(): Promise<void>;
}

export function createApp(opts: CreateAppOptions = {}): CalsyncApp {
  const env = opts.env ?? process.env;
  const config = resolveConfig(env);
  // The desktop client secret is not confidential to Google, but it is to error text and logs.
  registerSecret(config.google.clientSecret);
  // Before anything opens a file in the data dir: private modes whatever the umask, looser ones tightened.
  const privacy = securePrivateFiles(config.paths);
  const log = opts.logger ?? createLogger({ file: path.join(config.paths.logs, 'calsync.log') });
  const privacyNotes = [
    ...privacy.changed.map(describeChange),
    ...privacy.failed.map((f) => `calsync could not make ${f.path} private (${f.reason}); check its permissions`),
  ];
  for (const note of privacyNotes) log.warn(note);
  const clock = opts.clock ?? systemClock;
  const store = Store.open(config.paths.database, { nativeBinding: opts.nativeBinding });
  const bus = new EngineBus();
  // The demo keeps its tokens where it is told (memory): no keychain entry or token file outlives it.
  const { vault, warning: vaultWarning } =
    opts.demo && opts.vault ? { vault: opts.vault, warning: null } : selectVault(config, log, opts.vault);
  const tokens = new GoogleTokens(config.google, vault, log);
  const settings = new SettingsService(config.paths.config, log);
  const accounts = new AccountService(config, store, tokens, bus, log, clock, () => settings.get().googleTasks.import);
  const owner = currentLeaseOwner(`${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`);
  const deps: SyncDeps = {
    store,
    log,
    tuning: config.tuning,
    clock,
    sleep: (ms) => sleep(ms),
    random: Math.random,
    onProgress: (p) => bus.emit({ type: 'sync-progress', ...p }),
    onRunStarted: (runId, trigger) => bus.emit({ type: 'run-started', runId, trigger }),
  };
  const policy = {
    baseMs: config.tuning.retryBaseMs,
    maxMs: config.tuning.retryMaxMs,
    maxAttempts: config.tuning.retryMaxAttempts,
  };
  // Google Tasks import, after each account's calendars in a sync (opt-in in settings).
  const importer = new TaskImporter({
    ...deps,
    settings: () => settings.get(),
    sourceFor: async (account) => {
      const client = await tokens.client(account.id);
      if (!client) throw new NeedsLoginError(account.id, account.email, 'no stored sign-in for this account');
      const { GoogleTasksSource } = await import('./google/tasks-source');
      return new GoogleTasksSource(
        client,
        config.google.apiUrl,
        policy,
        config.tuning.requestTimeoutMs,
        account.email,
        config.tuning.tasksPageSize,
      );
    },
  });
  // Google Tasks both ways: status changes of imported tasks made here, written to Google (scope `tasks`).
  const writeBack = new TaskWriteBack({
    store,
    log,
    clock,
    settings: () => settings.get(),
    writerFor: async (account) => {
      const client = await tokens.client(account.id);
      if (!client) throw new NeedsLoginError(account.id, account.email, 'no stored sign-in for this account');
      const { GoogleTasksWriter } = await import('./google/tasks-writer');
      return new GoogleTasksWriter(client, config.google.apiUrl, policy, config.tuning.requestTimeoutMs, account.email);
    },
    callContext: (what, stats, budgetMs) => ({
      deadline: clock.now() + budgetMs,
      budgetMs,
      what,
      stats,
      now: () => clock.now(),
      sleep: (ms) => sleep(ms),
      random: Math.random,
    }),
    // A window waiting on "done" should not wait a minute for an unreachable Google: the next sync sends it.
    immediateBudgetMs: Math.min(config.tuning.incrementalBudgetMs, 15_000),
    syncBudgetMs: config.tuning.incrementalBudgetMs,
  });
  // Writes to Google (accepted blocks, mirrors) with the sync's retry policy; the event-write scope is the caller's check.
  const writerFor = async (accountId: string) => {
    const account = store.accounts.get(accountId);
    const client = await tokens.client(accountId);
    if (!account || !client)
      throw new NeedsLoginError(accountId, account?.email ?? accountId, 'no stored sign-in for this account');
    const { EventWriter } = await import('./google/event-writer');
    return new EventWriter(client, config.google.apiUrl, policy, config.tuning.requestTimeoutMs);
  };
  const mirrors = new MirrorService({
    store,
    log,
    clock,
    tuning: config.tuning,
    owner,
    sleep: (ms) => sleep(ms),
    random: Math.random,
    writerFor,
  });
  // Arms the outbox for the configured workspace (or disarms it) before anything writes the cache.
  const link = new WorkspaceLink({ env, store, vault, log, clock, configFile: config.paths.config });
  link.refresh(config.supabase);
  const push = new PushService(
    { store, log, tuning: config.tuning, clock, sleep: (ms) => sleep(ms), random: Math.random, owner, link },
    bus,
  );
  // The planner's part (app-planning.ts) loads on first use: a re-plan, a planner or insights call.
  const planning = once(async () => (await import('./app-planning')).createPlanning(planningDeps));
  // Everything that follows a sync, in order (core/after-sync.ts): per account the Google Tasks write-back and import and the
  // busy mirrors, under its lease; after the run the re-plan, the opt-in habit moves, then the push.
  const after = afterSync(
    engineAfterSyncSteps(
      {
        writeBack,
        importer,
        mirrors,
        // Each asks first whether it has work, so a sync with nothing to plan or move does not load the planner.
        planner: { afterSync: async (runId) => replanDue(store, runId) && (await planning()).planner.afterSync(runId) },
        habitMover: {
          afterSync: async () => settings.get().autoAcceptHabitMoves && (await planning()).habitMover.afterSync(),
        },
        push,
      },
      log,
    ),
    log,
  );
  const runner = new SyncRunner(
    deps,
    async (account) => {
      const client = await tokens.client(account.id);
      if (!client) throw new NeedsLoginError(account.id, account.email, 'no stored sign-in for this account');
      const { GoogleCalendarSource } = await import('./google/calendar-source');
      return new GoogleCalendarSource(client, config.google.apiUrl, policy, config.tuning.requestTimeoutMs);
    },
    owner,
    after.afterAccount,
  );
  const sync = new SyncService(runner, bus, after.afterRun, { hold: store.checkpoints, log });

  const scheduler = new Scheduler(sync, store, settings, log, clock);
  let schedulerStarted = false;
  let control: RunningControl | null = null;
  let closed = false;

  const planningDeps: PlanningDeps = {
    store,
    settings,
    bus,
    log,
    clock,
    writeBack,
    writerFor,
    callContext: (what) => ({
      deadline: clock.now() + config.tuning.incrementalBudgetMs,
      budgetMs: config.tuning.incrementalBudgetMs,
      what,
      stats: { apiCalls: 0, retries: 0 },
      now: () => clock.now(),
      sleep: (ms) => sleep(ms),
      random: Math.random,
    }),
  };
  // Re-plan every 6 hours too: free time moves with the clock even when no sync changed anything.
  scheduler.addJob({
    name: 'plan',
    cron: PLAN_CRON,
    run: async () =>
      store.tasks.list('open').length || store.habits.list('enabled').length ? (await planning()).planner.plan() : null,
  });

  const status = new StatusService({
    store,
    sync,
    settings,
    clock,
    log,
    vault,
    vaultWarning,
    scheduler,
    jobsStarted: () => schedulerStarted,
    startProblems: [...privacyNotes, ...config.file.problems],
    tokensFile: config.paths.tokens,
    outbox: () => push.status(),
    demo: opts.demo ?? false,
  });
  const api = validatedApi(
    {
      status: () => status.report(),
      ...syncOps({
        store,
        sync,
        accounts,
        settings,
        scheduler,
        bus,
        log,
        openUrl: opts.openUrl,
        syncNowTrigger: opts.syncNowTrigger ?? 'manual',
        syncAfterLogin: opts.syncAfterLogin ?? true,
      }),
      ...lazyOps(PLANNING_OPS, async () => (await planning()).ops),
      ...habitOps({ store, clock }),
      ...supabaseOps({ link, push, bus, log }),
      ...mirrorOps({ store, mirrors }),
    },
    { onError: (e) => isDamaged(e) && store.noteDamage() },
  );
  // A long-running process checks the file now and then (a short command relies on the clean-shutdown marker).
  scheduler.addJob({
    name: 'verify-cache',
    cron: VERIFY_CRON,
    run: async () => {
      if (!store.verify())
        log.error('the cache file is damaged; calsync rebuilds it (keeping a copy) the next time it starts');
    },
  });

  return {
    config,
    store,
    bus,
    log,
    api,
    accounts,
    sync,
    push,
    settings,
    scheduler,
    mirrors,
    startJobs: async () => {
      if (schedulerStarted) return;
      schedulerStarted = true;
      push.startBackground();
      await scheduler.start();
      // The process that runs the jobs is the one a `calsync sync` of this data dir hands its sync to.
      // Imported here: node:http is not for one-shot commands to load at start.
      const { startControlServer } = await import('./control/control-server');
      control = await startControlServer({
        file: config.paths.control,
        sync: ({ full }) => sync.request({ trigger: 'cli', full }),
        bus,
        log,
      }).catch((e: unknown) => {
        log.warn({ err: toErrorData(e).message }, 'commands cannot reach this app; they will sync on their own');
        return null;
      });
      // Closed while the listener was starting: it must not outlive the app, nor its file name a closed app.
      if (closed) await control?.close();
    },
    close: async () => {
      closed = true;
      accounts.cancelLogins();
      scheduler.stop();
      await control?.close();
      await sync.idle();
      push.stop();
      await push.idle();
      link.close();
      store.close({ verify: schedulerStarted });
    },
  };
}
