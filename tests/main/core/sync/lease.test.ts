// A lease's heartbeat runs on a timer: it must never throw there, and a lease
// whose beats cannot be written for a whole TTL counts as lost.
import { describe, expect, it } from 'vitest';
import { Store } from '../../../../src/main/core/store/store';
import { Lease } from '../../../../src/main/core/sync/lease';

describe('Lease.beat', () => {
  it('survives beats that cannot be written and turns lost once the lease may have lapsed', () => {
    const store = Store.open(':memory:');
    let now = 1_000;
    const clock = { now: () => now };
    const lease = Lease.tryAcquire(store, 'sync:a', 'me', null, 500, clock)!;
    const write = store.locks.heartbeat.bind(store.locks);
    store.locks.heartbeat = () => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    };
    now += 200;
    expect(() => lease.beat()).not.toThrow();
    expect(lease.held).toBe(true);
    now += 400; // 600 ms since the last written beat, more than the TTL
    lease.beat();
    expect(lease.held).toBe(false);
    store.locks.heartbeat = write;
    lease.beat();
    expect(lease.held).toBe(false); // lost stays lost: another process may hold it now
    store.close();
  });
});
