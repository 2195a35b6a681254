// Drains one calendar's outbox rows under that calendar's workspace lease: the
// executor of push-plan.ts. Each pass reads the calendar's queued keys, plans
// the batches, and sends them one at a time (batch-sender.ts), reading each
// batch's rows as they are when it goes out.
import { AppError } from '../../../shared/errors';
import type { Logger } from '../log/logger';
import type { Store } from '../store/store';
import { calendarKey } from '../supabase/event-row';
import type { WorkspaceRpc } from '../supabase/workspace-rpc';
import type { Clock } from '../clock';
import { sendBatch, PushStopped, type SendContext } from './batch-sender';
import { CalendarLease } from './calendar-lease';
import { planPush } from './push-plan';
import { withBackoff, type BackoffDeps } from '../retry-policy';
import { isRetryableSupabaseError } from '../supabase/errors';

export interface CalendarPushDeps extends BackoffDeps {
  store: Store;
  log: Logger;
  clock: Clock;
  batchSize: number;
  leaseTtlMs: number;
  /** How long to wait for another device's lease on a calendar before leaving its rows for later. */
  leaseWaitMs: number;
  /** False once this process lost its local push lock: stop between batches. */
  stillOwner: () => boolean;
  /** Counts rows as the workspace confirms them, so a push that stops part-way still reports them. */
  onSent: (rows: number) => void;
}

export interface CalendarPushResult {
  sent: number;
  /** Rows the workspace refused as invalid, now in quarantine (not a problem of the push: the rest went on). */
  quarantined: number;
  /** Why this calendar's rows were left for later, if they were. */
  problem: string | null;
  /** Another device had the lease: trying again later will do. */
  busy: boolean;
}

/** Rows re-enqueued while a pass runs (a sync in another process) get another pass, up to this many. */
const MAX_PASSES = 3;

export async function pushCalendar(
  d: CalendarPushDeps,
  rpc: WorkspaceRpc,
  calendarId: string,
): Promise<CalendarPushResult> {
  const key = calendarKey(calendarId);
  const lease = await withBackoff(
    'taking the push lease',
    () =>
      CalendarLease.acquire(rpc, key, {
        ttlMs: d.leaseTtlMs,
        waitMs: d.leaseWaitMs,
        clock: d.clock,
        sleep: d.sleep,
        log: d.log,
      }),
    isRetryableSupabaseError,
    d,
  );
  if (!lease)
    return {
      sent: 0,
      quarantined: 0,
      problem: `another device kept the push lease of ${calendarId}; its changes stay queued`,
      busy: true,
    };

  const ctx: SendContext = { ...d, rpc, beforeAttempt: () => lease.keep() };
  const out: CalendarPushResult = { sent: 0, quarantined: 0, problem: null, busy: false };
  let finished = false;
  try {
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      let sentThisPass = 0;
      let quarantinedThisPass = 0;
      for (const batch of planPush(d.store.outbox.keys(calendarId), { skip: new Set() }, { batchSize: d.batchSize })) {
        if (!d.stillOwner()) return { ...out, problem: 'this process lost its push lock; the rest stays queued' };
        const entries = d.store.outbox.entries(
          calendarId,
          batch.keys.map((k) => k.eventId),
        );
        if (entries.length === 0) continue; // acknowledged meanwhile (another process's push)
        await lease.keep();
        d.store.outbox.markSending(calendarId, entries);
        const r = await sendBatch(ctx, entries);
        d.onSent(r.sent);
        sentThisPass += r.sent;
        quarantinedThisPass += r.quarantined;
        out.quarantined += r.quarantined;
      }
      out.sent += sentThisPass;
      if (sentThisPass + quarantinedThisPass === 0 || d.store.outbox.countFor(calendarId) === 0) break;
    }
    finished = true;
  } catch (e) {
    // Losing the lease to another device ends this calendar, not the push.
    const err = e instanceof PushStopped ? e.error : e;
    if (err instanceof AppError && err.code === 'conflict') return { ...out, problem: err.message, busy: true };
    throw e;
  } finally {
    // The calendar counts as synced only when the workspace has all of it.
    await lease.release(finished && out.quarantined === 0);
  }
  return out;
}
