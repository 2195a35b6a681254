// A held lock lease plus the heartbeat that keeps it alive while work runs.
import type { Store } from '../store/store';
import type { Clock } from './sync-context';

export class Lease {
  private lost = false;
  private lastGoodBeat: number;

  private constructor(
    private readonly store: Store,
    readonly name: string,
    private readonly owner: string,
    private readonly ttlMs: number,
    private readonly clock: Clock,
  ) {
    this.lastGoodBeat = clock.now();
  }

  static tryAcquire(store: Store, name: string, owner: string, runId: number | null, ttlMs: number, clock: Clock): Lease | null {
    return store.locks.tryAcquire(name, owner, runId, clock.now(), ttlMs) ? new Lease(store, name, owner, ttlMs, clock) : null;
  }

  /**
   * Never throws: beats run on a timer, where an exception (disk full, a
   * damaged cache) would take the whole process down mid-run. A beat that
   * cannot be written is skipped; once the lease may have lapsed, it counts as
   * lost, so the work stops between pages as for a takeover.
   */
  beat(): void {
    if (this.lost) return;
    const now = this.clock.now();
    try {
      if (this.store.locks.heartbeat(this.name, this.owner, now, this.ttlMs)) this.lastGoodBeat = now;
      else this.lost = true;
    } catch {
      if (now >= this.lastGoodBeat + this.ttlMs) this.lost = true;
    }
  }

  get held(): boolean {
    return !this.lost;
  }

  release(): void {
    this.store.locks.release(this.name, this.owner);
  }
}

export const syncLockName = (accountId: string) => `sync:${accountId}`;
