// The in-process face of pushing: a push requested while one runs joins it;
// every sync ends with a push attempt; the outbox's state for `status`; and,
// in processes that stay up, a retry with growing delays after Supabase was
// unreachable (a one-shot CLI command just leaves the rows queued).
import type { OutboxStatus, PushResult } from '../../../shared/api';
import type { EngineBus } from '../engine-bus';
import { runPush, type PushMode, type PusherDeps } from './pusher';
import { outboxTarget } from './workspace-link';

const MAX_RETRY_DELAY_MS = 15 * 60_000;
/** Quarantined changes listed in status (all of them are counted). */
const QUARANTINE_SHOWN = 20;

export class PushService {
  private current: Promise<PushResult> | null = null;
  private background = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private failures = 0;

  constructor(
    private readonly d: PusherDeps,
    private readonly bus: EngineBus,
  ) {}

  /**
   * Pushes now, or joins the push already running in this process. Throws
   * AppError 'locked' when another process is pushing. `reconcile` compares
   * every calendar with the workspace first; a push already running may be
   * past that step, so it is awaited and a new one runs.
   */
  request(mode: PushMode = 'now', opts: { reconcile?: boolean } = {}): Promise<PushResult> {
    if (opts.reconcile) return this.reconcileAndPush();
    if (this.current) return this.current;
    this.clearRetry();
    const promise = runPush(this.d, mode)
      .then(({ result, retryable }) => {
        this.failures = retryable ? this.failures + 1 : 0;
        if (retryable) this.scheduleRetry();
        this.bus.emit({ type: 'push-finished', pushed: result.pushed, pending: result.pending, error: result.error });
        return result;
      })
      .finally(() => {
        this.current = null;
        this.bus.emit({ type: 'status-changed' });
      });
    this.current = promise;
    return promise;
  }

  private async reconcileAndPush(): Promise<PushResult> {
    while (this.current) await this.current.catch(() => undefined);
    const cfg = this.d.link.refresh();
    // No await between marking and starting: no other push can slip in and take the mark.
    if (cfg) this.d.store.outbox.reconcile.request(outboxTarget(cfg));
    return this.request('now');
  }

  /** After a disconnect: a retry scheduled for the workspace just left must not run. */
  cancelRetry(): void {
    this.failures = 0;
    this.clearRetry();
  }

  /** The push attempt at the end of every sync. Its outcome is in the outbox status; it never fails the sync. */
  async afterSync(): Promise<void> {
    if (!this.d.link.refresh()) return; // not connected: nothing queued, nothing to push
    try {
      await this.request('after-sync');
    } catch (e) {
      this.d.log.info({ err: (e as Error).message }, 'no push after this sync');
    }
  }

  status(): OutboxStatus {
    const state = this.d.store.outbox.state();
    return {
      connected: state !== null,
      pending: state ? this.d.store.outbox.count() : 0,
      lastError: state?.lastError ?? null,
      lastPushAt: state?.lastPushAt ? new Date(state.lastPushAt).toISOString() : null,
      quarantined: state ? this.d.store.outbox.quarantine.count() : 0,
      quarantine: state ? this.d.store.outbox.quarantine.list(QUARANTINE_SHOWN) : [],
    };
  }

  startBackground(): void {
    this.background = true;
  }

  async idle(): Promise<void> {
    await this.current?.catch(() => undefined);
  }

  stop(): void {
    this.background = false;
    this.clearRetry();
  }

  private scheduleRetry(): void {
    if (!this.background) return;
    const delay = Math.min(MAX_RETRY_DELAY_MS, this.d.tuning.pushRetryBaseMs * 2 ** Math.min(this.failures - 1, 10));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.request().catch((e: unknown) =>
        this.d.log.info({ err: (e as Error).message }, 'retry of the Supabase push skipped'),
      );
    }, delay);
    this.retryTimer.unref();
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
