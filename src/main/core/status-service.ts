// One snapshot of everything a user asks "is it working?" about.
import type { StatusReport, TokenStoreStatus } from '../../shared/api';
import type { SettingsService } from './settings/settings-service';
import type { Store } from './store/store';
import type { SyncService } from './sync/sync-service';
import type { Clock } from './sync/sync-context';

export interface StatusSources {
  store: Store;
  sync: SyncService;
  settings: SettingsService;
  clock: Clock;
  tokenStore: TokenStoreStatus;
  nextSyncAt: () => string | null;
  paused: boolean;
  extraProblems: () => string[];
}

export function buildStatus(s: StatusSources): StatusReport {
  const { store, clock } = s;
  const lastRun = store.runs.lastFinished();
  const lastSuccess = store.runs.lastFinished('succeeded');
  const runningRow = store.runs.list({ status: 'running', limit: 1 })[0];
  return {
    accounts: store.accounts.list().map(({ id, email, status, statusReason }) => ({ id, email, status, statusReason })),
    calendars: store.calendars.list().map(({ syncToken: _t, ...c }) => c),
    lastRun,
    lastSuccessAt: lastSuccess?.endedAt ?? null,
    nextSyncAt: s.nextSyncAt(),
    running: runningRow ? { runId: runningRow.id, trigger: runningRow.trigger } : null,
    paused: s.paused,
    lockHolders: store.locks.holders(clock.now()).map((h) => ({ name: h.name, owner: h.owner, runId: h.runId, expiresAt: new Date(h.expiresAt).toISOString() })),
    outbox: { connected: false, pending: 0, lastError: null, lastPushAt: null },
    proposalsPending: 0,
    tokenStore: s.tokenStore,
    problems: [...s.settings.problems(), ...s.extraProblems()],
  };
}
