// Status snapshots for each tray state, as the engine's `status` op returns them.
import type { StatusReport } from '../../../src/shared/api';
import type { Account, SyncRun } from '../../../src/shared/domain';

export const NOW = Date.parse('2026-11-28T12:00:00Z');

export const account = (
  email: string,
  status: Account['status'] = 'active',
  statusReason: string | null = null,
): Account => ({ id: `id-${email}`, email, status, statusReason, signInExpiresAt: null, canWrite: false }) as Account;

export const run = (
  id: number,
  status: SyncRun['status'],
  error: string | null = null,
  endedAt = '2026-11-28T11:57:00.000Z',
): SyncRun => ({
  id,
  trigger: 'cron',
  kind: 'incremental',
  status,
  startedAt: '2026-11-28T11:56:00.000Z',
  endedAt: status === 'running' ? null : endedAt,
  error,
  apiCalls: 1,
  retries: 0,
  pages: 1,
  calendars: [],
});

export function statusReport(patch: Partial<StatusReport> = {}): StatusReport {
  return {
    accounts: [account('ada@example.test')],
    calendars: [],
    lastRun: run(7, 'succeeded'),
    lastSuccessAt: '2026-11-28T11:57:00.000Z',
    nextSyncAt: '2026-11-28T12:15:00.000Z',
    running: null,
    paused: false,
    lockHolders: [],
    outbox: { connected: false, pending: 0, lastError: null, lastPushAt: null, quarantined: 0, quarantine: [] },
    proposalsPending: 0,
    tokenStore: { kind: 'safe-storage', protected: true, warning: null },
    problems: [],
    ...patch,
  } as StatusReport;
}

export const STATES = {
  idle: statusReport({ proposalsPending: 3 }),
  syncing: statusReport({ running: { runId: 8, trigger: 'manual' } }),
  error: statusReport({
    lastRun: run(8, 'failed', 'Google did not answer within 60 s'),
    lastSuccessAt: '2026-11-28T09:00:00.000Z',
  }),
  paused: statusReport({ paused: true }),
  'needs-login': statusReport({
    accounts: [account('ada@example.test', 'needs-login', 'invalid_grant'), account('bob@example.test')],
  }),
} as const;
