// The workspace's per-calendar push lease (calendar_sync_states, DESIGN.md §4):
// one device at a time sends a calendar's rows. Taken before the first batch,
// renewed as it ages, released at the end. Expiry is decided by the database
// clock, so a holder that died blocks the others only until its lease runs
// out; the next device then takes it over in the same atomic statement.
import { AppError } from '../../../shared/errors';
import type { Logger } from '../log/logger';
import type { WorkspaceRpc } from '../supabase/workspace-rpc';
import type { Clock } from '../clock';

export interface LeaseOptions {
  ttlMs: number;
  /** How long to wait for another device's lease to be released or to expire. */
  waitMs: number;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  log: Logger;
}

export class CalendarLease {
  private takenAt: number;

  private constructor(
    private readonly rpc: WorkspaceRpc,
    readonly key: string,
    private readonly opts: LeaseOptions,
  ) {
    this.takenAt = opts.clock.now();
  }

  /** The lease, or null when another device kept it for the whole wait. */
  static async acquire(rpc: WorkspaceRpc, key: string, opts: LeaseOptions): Promise<CalendarLease | null> {
    const deadline = opts.clock.now() + opts.waitMs;
    // Poll often enough to take over soon after an expiry, rarely enough not to hammer the project.
    const pollMs = Math.min(2_000, Math.max(100, Math.floor(opts.ttlMs / 10)));
    let waited = false;
    for (;;) {
      if (await rpc.acquireLease(key, opts.ttlMs / 1000)) {
        if (waited) opts.log.info({ calendarKey: key }, 'took the push lease after waiting for another device');
        return new CalendarLease(rpc, key, opts);
      }
      const left = deadline - opts.clock.now();
      if (left <= 0) return null;
      if (!waited)
        opts.log.info({ calendarKey: key }, 'another device is pushing this calendar; waiting for its lease');
      waited = true;
      await opts.sleep(Math.min(pollMs, left));
    }
  }

  /** Renews the lease once a third of it has passed; throws if another device took it over meanwhile. */
  async keep(): Promise<void> {
    if (this.opts.clock.now() - this.takenAt < this.opts.ttlMs / 3) return;
    if (!(await this.rpc.acquireLease(this.key, this.opts.ttlMs / 1000))) {
      throw new AppError(
        'conflict',
        `Another device took over pushing ${this.key} (this device's lease expired); the rest stays queued.`,
      );
    }
    this.takenAt = this.opts.clock.now();
  }

  /** Best effort: a release that cannot reach Supabase leaves a lease that simply expires. */
  async release(markSynced: boolean): Promise<void> {
    try {
      await this.rpc.releaseLease(this.key, { markSynced });
    } catch (e) {
      this.opts.log.warn({ calendarKey: this.key, err: e }, 'could not release the push lease; it expires by itself');
    }
  }
}
