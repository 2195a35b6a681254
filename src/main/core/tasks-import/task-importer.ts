// The Google Tasks import of one account, run by each sync after that
// account's calendars, under the same lease. It lists every task list and its
// tasks (changes since the list's watermark, or everything the first time, for
// a new list, and once a week), then writes it all in one transaction with the
// new watermarks. It never throws: a failure is the import's own entry in the
// run log and in status, and the calendar sync of the run stands as it is.
import type { RunTaskImport, Settings } from '../../../shared/domain';
import { toErrorData } from '../../../shared/errors';
import type { Tuning } from '../config/tuning';
import type { CallContext, CallStats } from '../google/retry';
import { hasScope, SCOPES } from '../google/scopes';
import { tasksConsentMessage } from '../google/tasks-consent';
import type { TasksSource } from '../google/tasks-source';
import type { Logger } from '../log/logger';
import type { AccountRecord } from '../store/accounts-repo';
import type { TaskListRow } from '../store/google-tasks-repo';
import type { Store } from '../store/store';
import type { Clock } from '../clock';
import { applyImport, type AccountListing } from './apply-import';

/** The next watermark reaches back this far before the listing began: clocks differ, re-reading a few changes is free. */
export const WATERMARK_OVERLAP_MS = 10 * 60_000;
/** A list is listed in full again after this long, which also catches deletions Google no longer reports. */
export const FULL_LISTING_EVERY_MS = 7 * 86_400_000;

export interface TaskImporterDeps {
  store: Store;
  log: Logger;
  clock: Clock;
  tuning: Tuning;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  settings: () => Settings;
  sourceFor: (account: AccountRecord) => Promise<TasksSource>;
}

export class TaskImporter {
  constructor(private readonly d: TaskImporterDeps) {}

  /**
   * Null when the import is off in settings (nothing is recorded then).
   * `carried`: warnings of the write-back that ran just before, said in this run's entry with the import's own.
   */
  async importAccount(
    account: AccountRecord,
    runId: number,
    stats: CallStats,
    stillOwner: () => boolean,
    carried: string[] = [],
  ): Promise<RunTaskImport | null> {
    const { store, log } = this.d;
    const settings = this.d.settings();
    if (!settings.googleTasks.import) return null;
    const result: RunTaskImport = {
      accountId: account.id,
      kind: 'incremental',
      status: 'succeeded',
      lists: 0,
      inserted: 0,
      updated: 0,
      deleted: 0,
      error: null,
      ...(carried.length ? { warnings: carried } : {}),
    };
    if (!hasScope(account.scopes, SCOPES.tasksRead)) {
      return this.record(runId, { ...result, status: 'needs-consent', error: tasksConsentMessage(account.email) });
    }
    try {
      const listing = await this.fetch(account, stats);
      if (!stillOwner()) throw new Error('this process lost its sync lease to another one; the import is left to it');
      const now = this.d.clock.now();
      result.kind = listing.lists.some((l) => l.full) ? 'full' : 'incremental';
      result.lists = listing.lists.length;
      const counts = store.transaction(() => {
        const c = applyImport(store, listing, { zone: settings.timeZone, defaults: importDefaults(settings), now });
        Object.assign(result, { inserted: c.inserted, updated: c.updated, deleted: c.deleted });
        if (c.warnings.length) result.warnings = [...carried, ...c.warnings];
        store.googleTasks.recordImport(runId, result);
        return c;
      });
      for (const s of counts.skips)
        log.warn({ accountId: account.id, taskId: s.id }, `skipped a Google task: ${s.reason}`);
      for (const w of counts.warnings) log.warn({ accountId: account.id }, w);
      log.info(
        {
          accountId: account.id,
          kind: result.kind,
          lists: result.lists,
          inserted: counts.inserted,
          updated: counts.updated,
          deleted: counts.deleted,
        },
        'imported Google Tasks',
      );
      return result;
    } catch (e) {
      const err = toErrorData(e);
      log.warn(
        { accountId: account.id, code: err.code },
        `the Google Tasks import of ${account.email} failed; calendar sync is not affected and the next sync tries again: ${err.message}`,
      );
      return this.record(runId, {
        ...result,
        status: err.code === 'needs-consent' ? 'needs-consent' : 'failed',
        inserted: 0,
        updated: 0,
        deleted: 0,
        error: err.message,
      });
    }
  }

  private async fetch(account: AccountRecord, stats: CallStats): Promise<AccountListing> {
    const { store, clock, tuning } = this.d;
    const started = clock.now();
    const known = new Map(store.googleTasks.lists(account.id).map((l) => [l.id, l]));
    const needsFull = (l: TaskListRow | undefined) =>
      !l?.watermark || l.fullListedAt === null || started - l.fullListedAt >= FULL_LISTING_EVERY_MS;
    const anyFull = known.size === 0 || [...known.values()].some(needsFull);
    const budgetMs = anyFull ? tuning.fullBudgetMs : tuning.incrementalBudgetMs;
    const ctx: CallContext = {
      deadline: started + budgetMs,
      budgetMs,
      what: `the Google Tasks import of ${account.email}`,
      stats,
      now: () => clock.now(),
      sleep: this.d.sleep,
      random: this.d.random,
      onRetry: (r) =>
        this.d.log.warn(
          {
            accountId: account.id,
            attempt: r.attempt,
            delayMs: r.delayMs,
            status: r.failure.status,
            reason: r.failure.reason,
          },
          `retrying ${r.label}`,
        ),
    };
    const source = await this.d.sourceFor(account);
    const watermark = new Date(started - WATERMARK_OVERLAP_MS).toISOString();
    const remote = await source.listTaskLists(ctx);
    const listing: AccountListing = { accountId: account.id, lists: [], vanished: [] };
    for (const list of remote) {
      const prev = known.get(list.id);
      const full = needsFull(prev);
      const got = await source.listTasks(list.id, full ? null : prev!.watermark, ctx);
      if (got === 'gone') continue; // deleted while we listed: the next import sees it missing
      listing.lists.push({ listId: list.id, title: list.title, full, items: got.items, watermark });
    }
    const present = new Set(remote.map((l) => l.id));
    listing.vanished = [...known.keys()].filter((id) => !present.has(id));
    return listing;
  }

  private record(runId: number, r: RunTaskImport): RunTaskImport {
    try {
      this.d.store.googleTasks.recordImport(runId, r);
    } catch (e) {
      this.d.log.warn(
        { accountId: r.accountId, err: toErrorData(e).message },
        'could not record the Google Tasks import in the run log',
      );
    }
    return r;
  }
}

/** What an imported task starts with: the duration from settings, P3, the local defaults for chunks. */
export function importDefaults(settings: Settings): {
  durationMinutes: number;
  priority: 3;
  minChunkMinutes: number;
  maxChunkMinutes: number;
} {
  return {
    durationMinutes: settings.googleTasks.defaultDurationMinutes,
    priority: 3,
    minChunkMinutes: 30,
    maxChunkMinutes: 120,
  };
}

/** Lines for `status` about imports that cannot run or failed last time. */
export function taskImportProblems(store: Store, settings: Settings): string[] {
  if (!settings.googleTasks.import) return [];
  const out: string[] = [];
  for (const a of store.accounts.list()) {
    if (a.status !== 'active') continue;
    if (!hasScope(a.scopes, SCOPES.tasksRead)) {
      out.push(tasksConsentMessage(a.email));
      continue;
    }
    const last = store.googleTasks.latestImport(a.id);
    if (last?.status === 'failed')
      out.push(
        `the last Google Tasks import of ${a.email} failed (run ${last.runId}): ${last.error ?? 'unknown error'}. Calendar sync is not affected; the next sync tries again.`,
      );
    if (last?.status === 'needs-consent') out.push(last.error ?? tasksConsentMessage(a.email));
  }
  return out;
}
