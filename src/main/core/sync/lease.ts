// A held lock lease plus the heartbeat that keeps it alive while work runs.
import type { Store } from '../store/store';
import type { Clock } from './sync-context';

export class Lease {
  private lost = false;

  private constructor(
    private readonly store: Store,
    readonly name: string,
    private readonly owner: string,
    private readonly ttlMs: number,
    private readonly clock: Clock,
  ) {}

  static tryAcquire(store: Store, name: string, owner: string, runId: number | null, ttlMs: number, clock: Clock): Lease | null {
    return store.locks.tryAcquire(name, owner, runId, clock.now(), ttlMs) ? new Lease(store, name, owner, ttlMs, clock) : null;
  }

  beat(): void {
    if (!this.lost && !this.store.locks.heartbeat(this.name, this.owner, this.clock.now(), this.ttlMs)) this.lost = true;
  }

  get held(): boolean {
    return !this.lost;
  }

  release(): void {
    this.store.locks.release(this.name, this.owner);
  }
}

export const syncLockName = (accountId: string) => `sync:${accountId}`;
