// The composition root: builds every engine part once, from configuration,
// for whichever shell runs it (Electron, `calsync serve`, the CLI, tests).
import { hostname } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CalsyncApi } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { AccountService } from './accounts/account-service';
import { validatedApi } from './api/validated-api';
import { resolveConfig, type AppConfig } from './config/app-config';
import { EngineBus } from './engine-bus';
import { GoogleCalendarSource } from './google/calendar-source';
import { NeedsLoginError } from './google/google-errors';
import { GoogleTokens } from './google/google-tokens';
import { createLogger, type Logger } from './log/logger';
import { selectVault } from './secrets/select-vault';
import type { TokenVault } from './secrets/token-vault';
import { SettingsService } from './settings/settings-service';
import { buildStatus } from './status-service';
import { Store } from './store/store';
import { systemClock, type Clock, type SyncDeps } from './sync/sync-context';
import { SyncRunner } from './sync/sync-runner';
import { SyncService } from './sync/sync-service';

export interface CreateAppOptions {
  env?: NodeJS.ProcessEnv;
  vault?: TokenVault;
  logger?: Logger;
  clock?: Clock;
  /** Opens the consent page in the system browser; the CLI's --no-open passes none. */
  openUrl?: (url: string) => Promise<void>;
}

export interface CalsyncApp {
  config: AppConfig;
  store: Store;
  bus: EngineBus;
  log: Logger;
  api: CalsyncApi;
  accounts: AccountService;
  sync: SyncService;
  settings: SettingsService;
  /** Where the next scheduled sync will run; set by the scheduler when one runs. */
  setNextSyncAt(at: (() => string | null) | null): void;
  close(): Promise<void>;
}

export function createApp(opts: CreateAppOptions = {}): CalsyncApp {
  const config = resolveConfig(opts.env ?? process.env);
  const log = opts.logger ?? createLogger({ file: path.join(config.paths.logs, 'calsync.log') });
  const clock = opts.clock ?? systemClock;
  const store = Store.open(config.paths.database);
  const bus = new EngineBus();
  const { vault, warning: vaultWarning } = selectVault(config, opts.vault);
  const tokens = new GoogleTokens(config.google, vault, log);
  const settings = new SettingsService(config.paths.config, log);
  const accounts = new AccountService(config, store, tokens, bus, log, clock);
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const deps: SyncDeps = {
    store,
    log,
    tuning: config.tuning,
    clock,
    sleep: (ms) => sleep(ms),
    random: Math.random,
    onProgress: (p) => bus.emit({ type: 'sync-progress', ...p }),
  };
  const policy = { baseMs: config.tuning.retryBaseMs, maxMs: config.tuning.retryMaxMs, maxAttempts: config.tuning.retryMaxAttempts };
  const runner = new SyncRunner(
    deps,
    async (account) => {
      const client = await tokens.client(account.id);
      if (!client) throw new NeedsLoginError(account.id, account.email, 'no stored sign-in for this account');
      return new GoogleCalendarSource(client, config.google.apiUrl, policy, config.tuning.requestTimeoutMs);
    },
    owner,
  );
  const sync = new SyncService(runner, bus);
  let nextSyncAt: (() => string | null) | null = null;

  const api = validatedApi({
    status: async () =>
      buildStatus({
        store,
        sync,
        settings,
        clock,
        tokenStore: { kind: vault.kind, protected: vault.protected, warning: vaultWarning },
        nextSyncAt: () => nextSyncAt?.() ?? null,
        extraProblems: () => config.file.problems,
      }),
    syncNow: async ({ full }) => sync.request({ trigger: 'manual', full }),
    listRuns: async (q) => store.runs.list(q),
    listEvents: async (q) =>
      store.events.list({
        calendarId: q.calendarId,
        fromMs: q.from ? Date.parse(q.from) : undefined,
        toMs: q.to ? Date.parse(q.to) : undefined,
        limit: q.limit,
      }),
    listAccounts: async () => accounts.list(),
    startLogin: () =>
      new Promise((resolve, reject) => {
        accounts
          .login({
            onAuthUrl: async (authUrl) => {
              resolve({ authUrl });
              await opts.openUrl?.(authUrl);
            },
          })
          .then((account) => bus.emit({ type: 'login-finished', ok: true, account, error: null }))
          .catch((e: unknown) => {
            reject(e);
            bus.emit({ type: 'login-finished', ok: false, account: null, error: (e as Error).message });
          });
      }),
    logout: async ({ account, keepEvents }) => accounts.logout(account, keepEvents),
    listCalendars: async () => store.calendars.list().map(({ syncToken: _t, ...c }) => c),
    setCalendarEnabled: async ({ calendarId, accountId, enabled }) => {
      const matches = store.calendars.findById(calendarId).filter((c) => !accountId || c.accountId === accountId);
      if (matches.length === 0) throw new AppError('not-found', `no calendar "${calendarId}"; see \`calsync calendars\``);
      if (matches.length > 1) throw new AppError('bad-input', `"${calendarId}" belongs to several accounts; say which with --account`);
      const cal = matches[0]!;
      store.calendars.setEnabled(cal.accountId, cal.id, enabled);
      bus.emit({ type: 'status-changed' });
      const { syncToken: _t, ...info } = store.calendars.get(cal.accountId, cal.id)!;
      return info;
    },
    getSettings: async () => settings.get(),
    updateSettings: async (patch) => settings.update(patch),
  });

  return {
    config,
    store,
    bus,
    log,
    api,
    accounts,
    sync,
    settings,
    setNextSyncAt: (f) => {
      nextSyncAt = f;
    },
    close: async () => {
      await sync.idle();
      store.close();
    },
  };
}
