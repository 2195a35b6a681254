// One snapshot of everything a user asks "is it working?" about.
import type { OutboxStatus, StatusReport, TokenStoreStatus } from '../../shared/api';
import { mirrorRuleViews } from './api/mirror-ops';
import type { Clock } from './clock';
import type { Scheduler } from './jobs/scheduler';
import type { Logger } from './log/logger';
import { damagedTokenFileNotes } from './secrets/damaged-token-file';
import type { TokenVault } from './secrets/token-vault';
import type { SettingsService } from './settings/settings-service';
import { toAccount } from './store/accounts-repo';
import { toCalendarInfo } from './store/calendars-repo';
import type { Store } from './store/store';
import type { SyncService } from './sync/sync-service';
import { taskImportProblems } from './tasks-import/task-importer';

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

export interface StatusServiceDeps {
  store: Store;
  sync: SyncService;
  settings: SettingsService;
  clock: Clock;
  log: Logger;
  vault: Pick<TokenVault, 'keys' | 'kind' | 'protected'>;
  /** Why the token store is not the keychain, when it is not (select-vault.ts). */
  vaultWarning: string | null;
  scheduler: Pick<Scheduler, 'nextSyncAt' | 'isPaused'>;
  /** Whether this process runs the jobs: only then is there a next sync to name. */
  jobsStarted: () => boolean;
  /** Problems known once at start (private-file modes, config.json), shown on every report. */
  startProblems: readonly string[];
  /** The token file, beside which a damaged copy may have been set aside. */
  tokensFile: string;
  outbox: () => OutboxStatus;
  demo: boolean;
}

/** The API's `status`: the snapshot above with this process's parts (token store, jobs, mirrors, demo). */
export class StatusService {
  // Listing the vault once per process finds a damaged token file (and sets it aside) before status reports.
  private vaultProbe: Promise<unknown> | null = null;

  constructor(private readonly d: StatusServiceDeps) {}

  async report(): Promise<StatusReport> {
    const { d } = this;
    await (this.vaultProbe ??= d.vault
      .keys()
      .catch((e: unknown) => d.log.warn({ err: e }, 'could not list the token store')));
    const report = buildStatus({
      store: d.store,
      sync: d.sync,
      settings: d.settings,
      clock: d.clock,
      tokenStore: { kind: d.vault.kind, protected: d.vault.protected, warning: d.vaultWarning },
      nextSyncAt: () => (d.jobsStarted() ? d.scheduler.nextSyncAt() : null),
      paused: d.scheduler.isPaused,
      extraProblems: () => [
        ...d.startProblems,
        ...damagedTokenFileNotes(d.tokensFile, d.clock.now()),
        ...taskImportProblems(d.store, d.settings.get()),
        ...d.store.mirrors
          .listRules()
          .filter((r) => r.lastError)
          .map((r) => `mirroring ${r.fromCalendarId} into ${r.toCalendarId}: ${r.lastError}`),
      ],
      outbox: d.outbox,
    });
    const withDemo = d.demo ? { ...report, demo: true as const } : report;
    // Only when there are rules, so a status without mirroring reads as before.
    const rules = mirrorRuleViews(d.store);
    return rules.length ? { ...withDemo, mirrors: rules } : withDemo;
  }
}
