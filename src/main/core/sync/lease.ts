// A held lock lease plus the heartbeat that keeps it alive while work runs.
import type { Store } from '../store/store';
import { asLeaseOwner, deadLocalHolder, type LeaseOwner } from './lease-owner';
import type { Clock } from '../clock';

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

  /**
   * Free, expired or our own: taken in one statement. Held by a process of
   * this host that is gone (SIGKILL, crash): taken over at once, and the run
   * it was doing is marked interrupted in the same transaction.
   */
  static tryAcquire(
    store: Store,
    name: string,
    owner: string | LeaseOwner,
    runId: number | null,
    ttlMs: number,
    clock: Clock,
  ): Lease | null {
    const me = asLeaseOwner(owner);
    const now = clock.now();
    const lease = () => new Lease(store, name, me.id, ttlMs, clock);
    if (store.locks.tryAcquire(name, me.id, runId, now, ttlMs, me.proc)) return lease();
    const holder = store.locks.holder(name);
    if (!holder || !deadLocalHolder(holder.proc, me.proc, me.isAlive)) return null;
    const taken = store.transaction(() => {
      if (!store.locks.takeOver(name, holder.owner, me.id, runId, now, ttlMs, me.proc)) return false;
      if (holder.runId !== null) store.runs.markInterrupted(holder.runId, now);
      return true;
    });
    return taken ? lease() : null;
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
