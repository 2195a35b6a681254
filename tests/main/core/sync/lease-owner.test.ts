// A lease whose holder is a process of this host that no longer exists is
// taken over at once (its run marked interrupted); any other holder keeps the
// expiry rule.
import { spawn } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OwnerProcess } from '../../../../src/main/core/store/locks-repo';
import { Store } from '../../../../src/main/core/store/store';
import { Lease } from '../../../../src/main/core/sync/lease';
import {
  currentLeaseOwner,
  deadLocalHolder,
  processAlive,
  type LeaseOwner,
} from '../../../../src/main/core/sync/lease-owner';

const proc = fc.record({
  host: fc.constantFrom('a', 'b'),
  pid: fc.integer({ min: -1, max: 6 }),
  scope: fc.constantFrom('', 's1', 's2'),
});

describe('deadLocalHolder', () => {
  it('is true exactly for another pid of the same host and scope that is not alive', () => {
    fc.assert(
      fc.property(
        fc.option(proc, { nil: null }),
        fc.option(proc, { nil: null }),
        fc.func(fc.boolean()),
        (holder, self, alive) => {
          const isAlive = (pid: number) => alive(pid);
          const oracle =
            holder !== null &&
            self !== null &&
            holder.host === self.host &&
            holder.scope === self.scope &&
            holder.pid > 0 &&
            holder.pid !== self.pid &&
            !isAlive(holder.pid);
          expect(deadLocalHolder(holder, self, isAlive)).toBe(oracle);
        },
      ),
    );
  });
});

describe('processAlive', () => {
  it('knows this process is alive and a reaped child is not', async () => {
    expect(processAlive(process.pid)).toBe(true);
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    const pid = child.pid!;
    expect(processAlive(pid)).toBe(true);
    await new Promise((r) => {
      child.on('exit', r);
      child.kill('SIGKILL');
    });
    expect(processAlive(pid)).toBe(false);
  });
});

describe('Lease.tryAcquire with process owners', () => {
  const here = currentLeaseOwner('me').proc!;
  const owner = (id: string, p: OwnerProcess, dead: Set<number> = new Set()): LeaseOwner => ({
    id,
    proc: p,
    isAlive: (pid) => !dead.has(pid),
  });
  const setup = () => {
    const store = Store.open(':memory:');
    let now = 10_000;
    const clock = { now: () => now };
    const run = store.runs.create({ trigger: 'cli', kind: 'full', owner: 'old', proc: { ...here, pid: 999_991 } }, now);
    return { store, clock, run, advance: (ms: number) => (now += ms) };
  };

  it('takes over at once from a dead process of this host and marks its run interrupted', () => {
    const { store, clock, run } = setup();
    const old = owner('old', { ...here, pid: 999_991 });
    expect(Lease.tryAcquire(store, 'sync:a', old, run, 60_000, clock)).not.toBeNull();
    const me = owner('new', here, new Set([999_991]));
    const lease = Lease.tryAcquire(store, 'sync:a', me, null, 60_000, clock);
    expect(lease?.held).toBe(true);
    expect(store.locks.holder('sync:a')).toMatchObject({ owner: 'new', proc: here });
    expect(store.runs.get(run)).toMatchObject({ status: 'interrupted' });
    // The old holder's beats now fail: it lost the lease.
    expect(store.locks.heartbeat('sync:a', 'old', clock.now(), 60_000)).toBe(false);
  });

  it('keeps the expiry rule for a live local holder, another host, another scope, or a holder without a process', () => {
    for (const holderProc of [
      { ...here, pid: 999_992 },
      { ...here, host: `${here.host}-other`, pid: 999_991 },
      { ...here, scope: 'elsewhere', pid: 999_991 },
      null,
    ]) {
      const { store, clock, run, advance } = setup();
      const old: LeaseOwner = holderProc ? owner('old', holderProc) : { id: 'old', proc: null, isAlive: () => true };
      expect(Lease.tryAcquire(store, 'sync:a', old, run, 60_000, clock)).not.toBeNull();
      const me = owner('new', here, new Set([999_991])); // 999_992 stays alive
      expect(Lease.tryAcquire(store, 'sync:a', me, null, 60_000, clock), JSON.stringify(holderProc)).toBeNull();
      expect(store.runs.get(run)).toMatchObject({ status: 'running' });
      advance(60_000);
      expect(Lease.tryAcquire(store, 'sync:a', me, null, 60_000, clock)).not.toBeNull();
    }
  });

  it('a run of a dead local process is swept as interrupted at once; a live one is not', () => {
    const { store, clock, run } = setup();
    const live = store.runs.create(
      { trigger: 'cli', kind: 'full', owner: 'live', proc: { ...here, pid: 999_992 } },
      clock.now(),
    );
    const isDead = (p: OwnerProcess) => deadLocalHolder(p, here, (pid) => pid !== 999_991);
    expect(store.runs.sweepInterrupted(clock.now(), 60_000, isDead)).toBe(1);
    expect(store.runs.get(run)).toMatchObject({ status: 'interrupted' });
    expect(store.runs.get(live)).toMatchObject({ status: 'running' });
  });
});
