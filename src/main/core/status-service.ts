// One snapshot of everything a user asks "is it working?" about.
import type { OutboxStatus, StatusReport, TokenStoreStatus } from '../../shared/api';
import type { SettingsService } from './settings/settings-service';
import type { Store } from './store/store';
import type { SyncService } from './sync/sync-service';
import type { Clock } from './clock';
import { toAccount } from './store/accounts-repo';
import { toCalendarInfo } from './store/calendars-repo';

const WARN_BEFORE_MS = 24 * 3_600_000;
const RECOVERY_NOTE_MS = 7 * 86_400_000;

/** A damaged cache that was rebuilt stays visible in status for a week. */
export function recoveryNotes(store: Store, now: number): string[] {
  const raw = store.kv.get('recovery.report');
  if (!raw) return [];
  const r = JSON.parse(raw) as {
    at: number;
    backup: string;
    copied: Record<string, number>;
    lost: Record<string, string>;
  };
  if (now - r.at > RECOVERY_NOTE_MS) return [];
  const kept = Object.entries(r.copied)
    .map(([t, n]) => `${n} ${t}`)
    .join(', ');
  const lost = Object.keys(r.lost);
  return [
    `the cache was damaged on ${new Date(r.at).toISOString()} and rebuilt; the damaged file is kept as ${r.backup}. Kept: ${kept || 'nothing'}${lost.length ? `; could not read: ${lost.join(', ')}` : ''}. Events are re-synced from Google.`,
  ];
}

/** Say so before a time-limited sign-in dies (day 6 of a 7-day "Testing" client), not after. */
export function signInWarnings(store: Store, now: number): string[] {
  return store.accounts
    .list()
    .filter(
      (a) =>
        a.status === 'active' && a.signInExpiresAt !== null && Date.parse(a.signInExpiresAt) - now <= WARN_BEFORE_MS,
    )
    .map((a) => {
      const left = Date.parse(a.signInExpiresAt!) - now;
      const when = left <= 0 ? 'has expired' : `expires in ${Math.max(1, Math.round(left / 3_600_000))} h`;
      return `the Google sign-in of ${a.email} ${when}: Google limits this OAuth client's sign-ins (an unpublished "Testing" app gets 7 days). Sign in again (\`calsync login\`), or publish the OAuth app.`;
    });
}

export interface StatusSources {
  store: Store;
  sync: SyncService;
  settings: SettingsService;
  clock: Clock;
  tokenStore: TokenStoreStatus;
  nextSyncAt: () => string | null;
  paused: boolean;
  extraProblems: () => string[];
  /** The Supabase outbox; absent: not connected. */
  outbox?: () => OutboxStatus;
}

export function buildStatus(s: StatusSources): StatusReport {
  const { store, clock } = s;
  const lastRun = store.runs.lastFinished();
  const lastSuccess = store.runs.lastFinished('succeeded');
  const runningRow = store.runs.list({ status: 'running', limit: 1 })[0];
  return {
    accounts: store.accounts.list().map(toAccount),
    calendars: store.calendars.list().map(toCalendarInfo),
    lastRun,
    lastSuccessAt: lastSuccess?.endedAt ?? null,
    nextSyncAt: s.nextSyncAt(),
    running: runningRow ? { runId: runningRow.id, trigger: runningRow.trigger } : null,
    paused: s.paused,
    lockHolders: store.locks
      .holders(clock.now())
      .map((h) => ({ name: h.name, owner: h.owner, runId: h.runId, expiresAt: new Date(h.expiresAt).toISOString() })),
    outbox: s.outbox?.() ?? {
      connected: false,
      pending: 0,
      lastError: null,
      lastPushAt: null,
      quarantined: 0,
      quarantine: [],
    },
    proposalsPending: store.proposals.countProposed(),
    tokenStore: s.tokenStore,
    problems: [
      ...s.settings.problems(),
      ...s.extraProblems(),
      ...signInWarnings(store, clock.now()),
      ...recoveryNotes(store, clock.now()),
    ],
  };
}
