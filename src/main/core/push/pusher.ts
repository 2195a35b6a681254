// One push: reconciles the workspace with the cache when that is pending
// (reconcile.ts: after arming, or asked for), re-queues calendars another
// device withdrew rows of (withdrawal-resend.ts), drains the outbox into the
// configured workspace calendar by calendar as push-plan.ts plans it (each
// calendar's batches executed by calendar-push.ts), then appends the finished sync
// runs to the workspace's run log.
// One push at a time per workspace across processes (the lock table's
// `push:<workspace>` lease); a failure leaves every unsent row queued.
import type { PushResult, ReconcileSummary } from '../../../shared/api';
import { AppError, toErrorData } from '../../../shared/errors';
import type { Tuning } from '../config/tuning';
import type { Logger } from '../log/logger';
import type { Store } from '../store/store';
import { isRetryableSupabaseError } from '../supabase/errors';
import { Lease } from '../sync/lease';
import type { LeaseOwner } from '../sync/lease-owner';
import type { Clock } from '../clock';
import { PushStopped } from './batch-sender';
import { pushCalendar, type CalendarPushDeps, type CalendarPushResult } from './calendar-push';
import { planPush } from './push-plan';
import { reconcileWorkspace } from './reconcile';
import { appendRunLog } from './run-log';
import { resendWithdrawn } from './withdrawal-resend';
import { outboxTarget, type WorkspaceLink } from './workspace-link';

export interface PusherDeps {
  store: Store;
  log: Logger;
  tuning: Tuning;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Names this process in the lock table. */
  owner: string | LeaseOwner;
  link: WorkspaceLink;
}

/**
 * `now`: someone asked for this push (the `push` command, the window's button,
 * a background retry): retry and wait for leases as long as it takes within
 * reason. `after-sync`: the push that ends every sync, which must not hold the
 * sync up for a minute when Supabase is down or another device holds a lease;
 * whatever it leaves stays queued.
 */
export type PushMode = 'now' | 'after-sync';

export interface PushOutcome {
  result: PushResult;
  /** The failure may go away by itself (Supabase unreachable): worth retrying later. */
  retryable: boolean;
}

export const NOT_CONNECTED =
  'Supabase is not connected, so there is nothing to push (connect with `calsync supabase connect --url … --anon-key … --workspace …`).';

const NOT_SIGNED_IN =
  'Not signed in to Supabase: run `calsync supabase login --email <you>`. Changes stay queued until then.';

export const pushLockName = (workspaceId: string) => `push:${workspaceId.toLowerCase()}`;

export async function runPush(d: PusherDeps, mode: PushMode = 'now'): Promise<PushOutcome> {
  const { store, log, tuning, clock } = d;
  const cfg = d.link.refresh();
  if (!cfg) return { result: { pushed: 0, pending: 0, error: null, skipped: NOT_CONNECTED }, retryable: false };

  const problems: string[] = [];
  let pushed = 0;
  let quarantined = 0;
  let retryable = false;
  let reconciled: ReconcileSummary | null = null;
  const failed = (e: unknown) => {
    const err = e instanceof PushStopped ? e.error : e;
    retryable ||= isRetryableSupabaseError(err);
    if (!(e instanceof PushStopped) && !(e instanceof AppError))
      log.error({ err: e }, 'the Supabase push failed unexpectedly');
    problems.unshift(toErrorData(err).message);
  };

  // Who is signed in first: without a session there is nothing to lock for.
  let signInNeeded = false;
  const user = await d.link.user().catch((e: unknown) => {
    signInNeeded = e instanceof AppError && e.code === 'auth-failed';
    failed(e);
  });
  if (user === null) problems.push(NOT_SIGNED_IN);
  if (user) {
    const lock = Lease.tryAcquire(store, pushLockName(cfg.workspaceId), d.owner, null, tuning.lockTtlMs, clock);
    if (!lock)
      throw new AppError(
        'locked',
        'Another calsync process is pushing to this workspace right now; it sends these changes too.',
      );
    const beat = setInterval(() => lock.beat(), tuning.heartbeatMs);
    beat.unref();
    try {
      const rpc = (await d.link.connection()).rpc;
      const patient = mode === 'now';
      const policy = {
        baseMs: tuning.retryBaseMs,
        maxMs: tuning.retryMaxMs,
        maxAttempts: patient ? tuning.retryMaxAttempts : Math.min(3, tuning.retryMaxAttempts),
      };
      const deps: CalendarPushDeps = {
        ...d,
        policy,
        batchSize: tuning.pushBatchSize,
        leaseTtlMs: tuning.pushLeaseTtlMs,
        // Long enough for a dead device's lease to expire and be taken over.
        leaseWaitMs: patient ? tuning.pushLeaseTtlMs + 5_000 : Math.min(5_000, tuning.pushLeaseTtlMs),
        stillOwner: () => lock.held,
        onSent: (rows) => (pushed += rows),
      };
      // Unreachable or signed out: the drain would fail the same way. Anything
      // else (a project that refuses the read) must not hold the queue back.
      const beforeDrain = async (step: () => Promise<void>) => {
        try {
          await step();
        } catch (e) {
          if (isRetryableSupabaseError(e) || (e instanceof AppError && e.code === 'auth-failed')) throw e;
          failed(e);
        }
      };
      // Both before the drain, so what they queue goes out in this push.
      const target = outboxTarget(cfg);
      await beforeDrain(async () => {
        reconciled = await reconcileWorkspace(
          { ...deps, pageSize: tuning.reconcilePageSize, marginMs: tuning.reconcileMarginMs },
          rpc,
          target,
        );
      });
      await beforeDrain(
        async () => void (await resendWithdrawn({ ...deps, pageSize: tuning.reconcilePageSize }, rpc, target)),
      );
      // The plan says which calendars, in which order; a calendar this push has handled (sent, or left to
      // another device) is not taken again, but one queued meanwhile is, in another round.
      const handled = new Set<string>();
      const calendarsLeft = () => [
        ...new Set(
          planPush(store.outbox.keys(), { skip: handled }, { batchSize: tuning.pushBatchSize }).map(
            (b) => b.calendarId,
          ),
        ),
      ];
      const record = (r: CalendarPushResult) => {
        quarantined += r.quarantined;
        if (r.problem) problems.push(r.problem);
        if (r.busy) retryable = true;
      };
      rounds: for (let round = calendarsLeft(); round.length > 0; round = calendarsLeft()) {
        // Every device goes through calendars in the same order, so devices that sync the same calendars
        // at the same moment would queue behind each other one calendar at a time. A calendar another
        // device is pushing right now waits until this push has done the others.
        const busy: string[] = [];
        for (const calendarId of round) {
          handled.add(calendarId);
          const r = await pushCalendar({ ...deps, leaseWaitMs: 0 }, rpc, calendarId);
          if (r.busy && r.sent === 0 && r.quarantined === 0) busy.push(calendarId);
          else record(r);
          if (!lock.held) break rounds;
        }
        for (const calendarId of busy) {
          record(await pushCalendar(deps, rpc, calendarId));
          if (!lock.held) break rounds;
        }
      }
      await appendRunLog(store, rpc, deps);
    } catch (e) {
      failed(e);
    } finally {
      clearInterval(beat);
      lock.release();
    }
  }

  const error =
    problems.length === 0
      ? null
      : problems.length === 1
        ? problems[0]!
        : `${problems[0]} (and ${problems.length - 1} more)`;
  store.outbox.recordPush(clock.now(), error);
  const pending = store.outbox.count();
  // Signed out is the user's state, not a fault: the caller shows it (the CLI's
  // one line, the window's status), so the log keeps it at info.
  if (error && (user === null || signInNeeded))
    log.info({ pushed, pending, quarantined }, `Supabase push waits for a sign-in: ${error}`);
  else if (error) log.warn({ pushed, pending, quarantined }, `Supabase push incomplete: ${error}`);
  else log.info({ pushed, pending, quarantined }, 'pushed the queued changes to Supabase');
  return {
    result: { pushed, pending, error, ...(reconciled ? { reconciled } : {}), ...(quarantined ? { quarantined } : {}) },
    retryable,
  };
}
