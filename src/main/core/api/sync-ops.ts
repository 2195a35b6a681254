// The API operations of accounts, calendars, events, the sync log and settings.
import type { CalendarInfo } from '../../../shared/domain';
import { AppError, toErrorData } from '../../../shared/errors';
import type { AccountService } from '../accounts/account-service';
import type { EngineBus } from '../engine-bus';
import type { Logger } from '../log/logger';
import { checkTargetCalendar } from '../planning/target-calendar';
import type { Scheduler } from '../jobs/scheduler';
import type { SettingsService } from '../settings/settings-service';
import { toCalendarInfo } from '../store/calendars-repo';
import type { Store } from '../store/store';
import type { SyncService } from '../sync/sync-service';
import type { ApiImpl } from './validated-api';

export interface SyncOpsDeps {
  store: Store;
  sync: SyncService;
  accounts: AccountService;
  settings: SettingsService;
  scheduler: Scheduler;
  bus: EngineBus;
  log: Logger;
  openUrl?: (url: string) => Promise<void>;
  /** How `syncNow` shows in the sync log: 'cli' from the command line, 'manual' from a window. */
  syncNowTrigger: 'manual' | 'cli';
  /** A window waits for calendars after a sign-in; the CLI's `login` ends instead (and says to run `calsync sync`). */
  syncAfterLogin: boolean;
}

type SyncOps = Pick<
  ApiImpl,
  | 'syncNow'
  | 'listRuns'
  | 'listEvents'
  | 'listAccounts'
  | 'startLogin'
  | 'logout'
  | 'listCalendars'
  | 'setCalendarEnabled'
  | 'setCalendarBlocksTime'
  | 'getSettings'
  | 'updateSettings'
  | 'setSyncPaused'
>;

export function syncOps(d: SyncOpsDeps): SyncOps {
  const { store, bus } = d;
  return {
    syncNow: async ({ full }) => d.sync.request({ trigger: d.syncNowTrigger, full }),
    listRuns: async (q) => store.runs.list(q),
    listEvents: async (q) =>
      store.events.list({
        calendarId: q.calendarId,
        fromMs: q.from ? Date.parse(q.from) : undefined,
        toMs: q.to ? Date.parse(q.to) : undefined,
        limit: q.limit,
      }),
    listAccounts: async () => d.accounts.list(),
    // Resolves with the consent URL as soon as there is one; the outcome arrives as a login-finished event.
    startLogin: ({ write, tasks, tasksWrite, loginHint }) =>
      new Promise((resolve, reject) => {
        d.accounts
          .login({
            write,
            tasks,
            tasksWrite,
            loginHint,
            onAuthUrl: async (authUrl) => {
              resolve({ authUrl });
              await d.openUrl?.(authUrl);
            },
          })
          .then((account) => {
            bus.emit({ type: 'login-finished', ok: true, account, error: null });
            if (!d.syncAfterLogin) return;
            // The window waits for calendars, not for the next cron tick: sync the new sign-in now.
            d.sync
              .request({ trigger: 'login' })
              .catch((e: unknown) => d.log.error({ err: e }, 'the first sync after a sign-in could not start'));
          })
          .catch((e: unknown) => {
            reject(e);
            const error = toErrorData(e);
            bus.emit({ type: 'login-finished', ok: false, account: null, error: error.message, code: error.code });
          });
      }),
    logout: async ({ account, keepEvents }) => d.accounts.logout(account, keepEvents),
    listCalendars: async () => store.calendars.list().map(toCalendarInfo),
    setCalendarEnabled: async ({ calendarId, accountId, enabled }) => {
      const cal = oneCalendar(store, calendarId, accountId);
      store.calendars.setEnabled(cal.accountId, cal.id, enabled);
      bus.emit({ type: 'status-changed' });
      return calendarInfo(store, cal);
    },
    setCalendarBlocksTime: async ({ calendarId, accountId, blocksTime }) => {
      const cal = oneCalendar(store, calendarId, accountId);
      store.calendars.setBlocksTime(cal.accountId, cal.id, blocksTime);
      bus.emit({ type: 'status-changed' });
      return calendarInfo(store, cal);
    },
    getSettings: async () => d.settings.get(),
    updateSettings: async (patch) => {
      if (patch.targetCalendar) checkTargetCalendar(store, patch.targetCalendar);
      return d.settings.update(patch);
    },
    setSyncPaused: async ({ paused }) => {
      d.scheduler.setPaused(paused);
      bus.emit({ type: 'status-changed' });
      return { paused };
    },
  };
}

function oneCalendar(
  store: Store,
  calendarId: string,
  accountId: string | undefined,
): { accountId: string; id: string } {
  const matches = store.calendars.findById(calendarId).filter((c) => !accountId || c.accountId === accountId);
  if (matches.length === 0) throw new AppError('not-found', `no calendar "${calendarId}"; see \`calsync calendars\``);
  if (matches.length > 1)
    throw new AppError('bad-input', `"${calendarId}" belongs to several accounts; say which with --account`);
  return matches[0]!;
}

function calendarInfo(store: Store, cal: { accountId: string; id: string }): CalendarInfo {
  return toCalendarInfo(store.calendars.get(cal.accountId, cal.id)!);
}
