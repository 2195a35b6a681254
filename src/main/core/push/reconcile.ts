// The reconcile: after the outbox is (re)armed for a workspace — or when asked
// (`calsync push --reconcile`) — compare the workspace's live rows for this
// device's calendars with the cache and queue a delete for each row the cache
// has lost while nothing was queued. The deletes go through the outbox, so
// they are crash-safe (queued in SQLite before anything is sent), idempotent,
// and subject to "an older version never overwrites a newer one": each delete
// carries the version the workspace held when it was read, so a newer version
// another device pushes in between survives it.
//
// Which rows may go (several devices push the same calendars):
// - A calendar this device lists (an enabled copy with a sync token): a live
//   row whose key the cache lacks AND whose external_updated_at is older than
//   the start of this device's newest complete listing of that calendar minus
//   a margin (tuning.reconcileMarginMs, 5 min: clock skew, Google's listing
//   lag). That listing contained every event existing when it started, so
//   such a row is an event deleted since it was pushed. A row at or after the
//   listing start — another device's fresh push of an event this device has
//   not listed yet — is never touched. Rows inside the margin are left, and
//   the calendar is compared again after its next listing.
// - A calendar this device no longer syncs (every copy disabled, or it left
//   the cache while disconnected: account logged out, calendar unsubscribed):
//   only rows this device pushed last (`pushed_by_device`), as disabling it
//   while connected would have deleted. Rows another device wrote are its own.
//   These are queued as "withdrawn" deletes (the workspace revives them with
//   an upsert of the same version once the calendar is synced again), the
//   others as "gone" (see outbox-schema.ts, schema step 6).
// - A calendar without a complete listing yet (just re-enabled, a rebuilt
//   cache, failing) waits: an incomplete cache proves nothing.
// It assumes every device that lists a calendar sees the same events (calsync
// lists whole calendars, no time window; the same normaliser skips the same).
import type { ReconcileSummary } from '../../../shared/api';
import type { ReconcileTask, WorkspaceKey } from '../store/outbox-reconcile';
import type { Store } from '../store/store';
import type { WorkspaceRpc } from '../supabase/workspace-rpc';
import { withBackoff, type BackoffDeps } from '../retry-policy';
import { isRetryableSupabaseError } from '../supabase/errors';

export interface ReconcileDeps extends BackoffDeps {
  store: Store;
  pageSize: number;
  marginMs: number;
  /** False once this process lost its push lock: stop between pages. */
  stillOwner: () => boolean;
}

/** Compares what is pending for `target`; null when nothing was. Deletes are queued, not sent. */
export async function reconcileWorkspace(
  d: ReconcileDeps,
  rpc: WorkspaceRpc,
  target: string,
): Promise<ReconcileSummary | null> {
  const plan = d.store.outbox.reconcile.plan(target);
  if (!plan) return null;
  const out: ReconcileSummary = { calendars: 0, queued: 0, waiting: plan.waiting };
  for (const [i, task] of plan.tasks.entries()) {
    const r = await reconcileCalendar(d, rpc, target, task);
    out.queued += r.queued;
    if (r.stopped) {
      out.waiting += plan.tasks.length - i; // left pending: the next push goes on from there
      break;
    }
    out.calendars++;
    if (!r.complete) out.waiting++;
    d.log.info(
      { calendarId: task.calendarId, mode: task.mode, queued: r.queued, complete: r.complete },
      'reconciled a calendar with the workspace',
    );
  }
  return out;
}

interface CalendarOutcome {
  queued: number;
  /** No row was left undecided: the calendar is done. */
  complete: boolean;
  /** Disconnected, or this process lost its push lock: the rest stays pending. */
  stopped: boolean;
}

async function reconcileCalendar(
  d: ReconcileDeps,
  rpc: WorkspaceRpc,
  target: string,
  task: ReconcileTask,
): Promise<CalendarOutcome> {
  const repo = d.store.outbox.reconcile;
  const listedAt = task.mode === 'listed' ? task.listedAt : Number.POSITIVE_INFINITY;
  const cutoff = listedAt - d.marginMs;
  let after = '';
  let queued = 0;
  let inMargin = 0;
  const stop = (): CalendarOutcome => ({ queued, complete: false, stopped: true });
  for (;;) {
    if (!d.stillOwner()) return stop();
    const page = await withBackoff(
      `reading the workspace's rows of ${task.calendarId}`,
      () => rpc.liveKeys(task.calendarId, { after, limit: d.pageSize, ownOnly: task.mode === 'dropped' }),
      isRetryableSupabaseError,
      d,
    );
    if (page.length === 0) break;
    after = page[page.length - 1]!.eventId;
    const doomed: WorkspaceKey[] = [];
    const unsure: WorkspaceKey[] = [];
    for (const k of page) {
      // An unparseable version is NaN: neither doomed nor unsure, i.e. left alone.
      const v = Date.parse(k.version);
      if (v < cutoff) doomed.push(k);
      else if (v < listedAt) unsure.push(k);
    }
    const n = repo.queueDeletes(target, task, doomed);
    if (n < 0) return stop(); // disconnected meanwhile: nothing more may be queued
    queued += n;
    inMargin += repo.countAbsent(task.calendarId, unsure);
  }
  repo.finish(target, task, inMargin === 0);
  return { queued, complete: inMargin === 0, stopped: false };
}
