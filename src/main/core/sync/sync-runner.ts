// One sync run over every active account and its enabled calendars. Each
// account is synced under its own lease, so one account's failure or a second
// process on another account never stops the rest.
import type { RunCalendar, SyncKind, SyncRun, SyncTrigger } from '../../../shared/domain';
import { AppError, toErrorData } from '../../../shared/errors';
import type { CalendarSource } from '../google/calendar-source';
import type { CallStats } from '../google/retry';
import type { AccountRecord } from '../store/accounts-repo';
import { syncCalendar, type RunBudget } from './calendar-sync';
import { mapBounded } from './bounded';
import { calendarListDue, listedAtKey, listLooksStale } from './calendar-list-due';
import { calendarKey, pickFullListings } from './full-listing';
import { Lease, syncLockName } from './lease';
import { asLeaseOwner, deadLocalHolder, type LeaseOwner } from './lease-owner';
import type { SyncDeps } from './sync-context';

export interface RunOptions {
  trigger: SyncTrigger;
  full?: boolean;
  timeMin?: string;
}

export type SourceFactory = (account: AccountRecord, stats: CallStats) => Promise<CalendarSource>;

/** Runs after an account's calendars, under its lease (the Google Tasks import); must not throw. */
export type AfterAccount = (
  account: AccountRecord,
  runId: number,
  stats: CallStats,
  stillOwner: () => boolean,
) => Promise<unknown>;

export class SyncRunner {
  private readonly owner: LeaseOwner;

  constructor(
    private readonly deps: SyncDeps,
    private readonly sourceFor: SourceFactory,
    owner: string | LeaseOwner,
    private readonly afterAccount?: AfterAccount,
  ) {
    this.owner = asLeaseOwner(owner);
  }

  async run(opts: RunOptions): Promise<SyncRun> {
    const { store, clock, tuning, log } = this.deps;
    const me = this.owner;
    const interrupted = store.runs.sweepInterrupted(clock.now(), tuning.lockTtlMs, (p) =>
      deadLocalHolder(p, me.proc, me.isAlive),
    );
    if (interrupted) log.warn({ interrupted }, 'marked runs of stopped processes as interrupted');
    const all = store.accounts.list();
    if (all.every((a) => a.status === 'revoked'))
      throw new AppError('not-configured', 'No Google account yet. Run `calsync login` first.');

    const enabled = store.calendars.list().filter((c) => c.enabled);
    const kind: SyncKind =
      opts.full || enabled.length === 0 || enabled.some((c) => !c.hasSyncToken) ? 'full' : 'incremental';
    const runId = store.runs.create({ trigger: opts.trigger, kind, owner: me.id, proc: me.proc }, clock.now());
    this.deps.onRunStarted?.(runId, opts.trigger);
    const stats: CallStats = { apiCalls: 0, retries: 0 };
    const budget: RunBudget = { startedAt: clock.now(), full: kind === 'full' };
    // At most a few calendars per run get their periodic full listing (none when every calendar is listed in full anyway).
    const schedule = {
      intervalMs: tuning.fullListingIntervalMs,
      spreadMs: tuning.fullListingSpreadMs,
      perRun: tuning.fullListingsPerRun,
    };
    const fullListings = opts.full ? new Set<string>() : pickFullListings(enabled, clock.now(), schedule);
    const leases = new Set<Lease>();
    let beatFailed = false;
    const beat = setInterval(() => {
      // On a timer an exception would end the process: a run heartbeat that cannot be written (disk full) is logged once; the run's own writes fail with it.
      try {
        store.runs.heartbeat(runId, clock.now());
      } catch (e) {
        if (!beatFailed) log.warn({ runId, err: toErrorData(e).message }, 'could not record the run heartbeat');
        beatFailed = true;
      }
      for (const l of leases) l.beat();
    }, tuning.heartbeatMs);
    beat.unref();

    const errors: string[] = [];
    const calendars: RunCalendar[] = [];
    let lockedOut = 0;
    try {
      for (const account of all) {
        if (account.status === 'revoked') continue; // signed out, cached events kept on request
        if (account.status !== 'active') {
          errors.push(
            `${account.email} needs to sign in again${account.statusReason ? ` (${account.statusReason})` : ''}`,
          );
          continue;
        }
        const lease = Lease.tryAcquire(store, syncLockName(account.id), this.owner, runId, tuning.lockTtlMs, clock);
        if (!lease) {
          lockedOut++;
          continue;
        }
        leases.add(lease);
        try {
          calendars.push(
            ...(await this.syncAccount(account, runId, budget, stats, opts, fullListings, () => lease.held)),
          );
          // Its own failures are its own entry in the run log: the calendar sync above stands.
          const afterStarted = clock.now();
          await this.afterAccount?.(account, runId, stats, () => lease.held).catch((e: unknown) =>
            log.error({ err: e, accountId: account.id }, 'after-account step failed'),
          );
          // The after-account steps (busy mirroring's paced writes, the tasks import) have budgets of their own:
          // a long first mirror must not leave the next account's listing out of time.
          budget.startedAt += clock.now() - afterStarted;
        } catch (e) {
          const err = toErrorData(e);
          if (err.code === 'needs-login') {
            store.accounts.setStatus(account.id, 'needs-login', err.message, clock.now());
            log.warn({ accountId: account.id }, 'account needs a new sign-in; its sync stops until then');
            errors.push(`${account.email} needs to sign in again (${err.message}); run \`calsync login\``);
          } else {
            errors.push(`${account.email}: ${err.message}`);
          }
        } finally {
          leases.delete(lease);
          lease.release();
        }
      }
    } finally {
      clearInterval(beat);
      store.runs.addStats(runId, stats);
    }

    for (const c of calendars) if (c.status === 'failed') errors.push(`${c.calendarId}: ${c.error}`);
    const ranSomething = all.filter((a) => a.status !== 'revoked').length > lockedOut;
    const status = !ranSomething ? 'skipped' : errors.length ? 'failed' : 'succeeded';
    const error =
      status === 'skipped'
        ? 'another calsync process is syncing these accounts right now'
        : errors.length
          ? summarise(errors)
          : null;
    if (calendars.some((c) => c.kind === 'full')) store.runs.setKind(runId, 'full');
    store.runs.finish(runId, status, error, clock.now());
    return store.runs.get(runId)!;
  }

  private async syncAccount(
    account: AccountRecord,
    runId: number,
    budget: RunBudget,
    stats: CallStats,
    opts: RunOptions,
    fullListings: Set<string>,
    stillOwner: () => boolean,
  ): Promise<RunCalendar[]> {
    const { store, clock, tuning } = this.deps;
    const source = await this.sourceFor(account, stats);
    const budgetMs = budget.full ? tuning.fullBudgetMs : tuning.incrementalBudgetMs;
    const listedAt = Number(store.kv.get(listedAtKey(account.id)) ?? NaN);
    const due = calendarListDue({
      listedAt: Number.isFinite(listedAt) ? listedAt : null,
      now: clock.now(),
      intervalMs: tuning.calendarListIntervalMs,
      full: opts.full === true,
      known: store.calendars.list(account.id).length,
    });
    if (due) {
      const remote = await source.listCalendars({
        deadline: budget.startedAt + budgetMs,
        budgetMs,
        what: `the sync run (listing calendars of ${account.email})`,
        stats,
        now: () => clock.now(),
        sleep: this.deps.sleep,
        random: this.deps.random,
      });
      const { added, removed } = store.calendars.replaceForAccount(account.id, remote);
      store.kv.set(listedAtKey(account.id), String(clock.now()));
      if (added.length || removed.length)
        this.deps.log.info({ accountId: account.id, added, removed }, 'calendar list changed');
    }
    const enabled = store.calendars.list(account.id).filter((c) => c.enabled);
    const planned = new Map<string, SyncKind>();
    // Incremental syncs run a few calendars at once (one round trip); a run with
    // full listings runs one calendar at a time: each listing keeps pages of
    // 2,500 events in flight, and four at once would lift peak memory by half.
    const limit = budget.full ? 1 : tuning.calendarConcurrency;
    const results = await mapBounded(enabled, limit, (cal) => {
      const fullListing = fullListings.has(calendarKey(cal.accountId, cal.id));
      if (fullListing)
        this.deps.log.info(
          { calendarId: cal.id },
          'periodic full listing of the calendar (finds what incremental syncs are not told)',
        );
      planned.set(cal.id, opts.full || fullListing || !cal.syncToken ? 'full' : 'incremental');
      return syncCalendar(this.deps, source, cal, {
        runId,
        budget,
        forceFull: opts.full === true,
        fullListing,
        stats,
        timeMin: opts.timeMin,
        stillOwner,
      });
    });
    // A calendar that lost its token or failed may have left the list: fetch it at the next run.
    if (listLooksStale(results, planned)) store.kv.delete(listedAtKey(account.id));
    return results;
  }
}

function summarise(errors: string[]): string {
  return errors.length === 1 ? errors[0]! : `${errors[0]} (and ${errors.length - 1} more)`;
}
