// Leases in the lock table. Acquire is one statement that also takes over an
// expired lease, so two processes can never both believe they hold it, and a
// holder that died (SIGKILL, power loss) blocks others only until expiry —
// or not at all when it was a process on this host that is gone (see
// sync/lease-owner.ts; the decision is made there, the swap here).
import type { Db } from './database';

/** A lease holder (or a run's owner) as a process; see sync/lease-owner.ts. */
export interface OwnerProcess {
  host: string;
  pid: number;
  /** Where `pid` is meaningful: boot id and pid namespace on Linux, '' where unknown. */
  scope: string;
}

export interface LockHolder {
  name: string;
  owner: string;
  runId: number | null;
  acquiredAt: number;
  expiresAt: number;
  proc: OwnerProcess | null;
}

interface LockRow {
  name: string;
  owner: string;
  run_id: number | null;
  acquired_at: number;
  expires_at: number;
  owner_host: string | null;
  owner_pid: number | null;
  owner_scope: string | null;
}

const toHolder = (r: LockRow): LockHolder => ({
  name: r.name,
  owner: r.owner,
  runId: r.run_id,
  acquiredAt: r.acquired_at,
  expiresAt: r.expires_at,
  proc:
    r.owner_host !== null && r.owner_pid !== null
      ? { host: r.owner_host, pid: r.owner_pid, scope: r.owner_scope ?? '' }
      : null,
});

export class LocksRepo {
  constructor(private readonly db: Db) {}

  tryAcquire(
    name: string,
    owner: string,
    runId: number | null,
    now: number,
    ttlMs: number,
    proc: OwnerProcess | null = null,
  ): boolean {
    const row = this.db
      .prepare(
        `INSERT INTO locks (name, owner, run_id, acquired_at, heartbeat_at, expires_at, owner_host, owner_pid, owner_scope)
         VALUES (@name, @owner, @runId, @now, @now, @exp, @host, @pid, @scope)
         ON CONFLICT(name) DO UPDATE SET owner = excluded.owner, run_id = excluded.run_id, acquired_at = excluded.acquired_at,
           heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at,
           owner_host = excluded.owner_host, owner_pid = excluded.owner_pid, owner_scope = excluded.owner_scope
         WHERE locks.expires_at <= @now OR locks.owner = @owner
         RETURNING owner`,
      )
      .get({ name, owner, runId, now, exp: now + ttlMs, ...procParams(proc) }) as { owner: string } | undefined;
    return row?.owner === owner;
  }

  /** The current row, live or expired. */
  holder(name: string): LockHolder | null {
    const row = this.db.prepare('SELECT * FROM locks WHERE name = ?').get(name) as LockRow | undefined;
    return row ? toHolder(row) : null;
  }

  /**
   * Takes the lease from `deadOwner` whatever its expiry: a compare-and-swap on
   * the owner seen, so of two processes that both found it dead exactly one wins.
   */
  takeOver(
    name: string,
    deadOwner: string,
    owner: string,
    runId: number | null,
    now: number,
    ttlMs: number,
    proc: OwnerProcess | null,
  ): boolean {
    return (
      this.db
        .prepare(
          `UPDATE locks SET owner = @owner, run_id = @runId, acquired_at = @now, heartbeat_at = @now, expires_at = @exp,
             owner_host = @host, owner_pid = @pid, owner_scope = @scope
           WHERE name = @name AND owner = @deadOwner`,
        )
        .run({ name, deadOwner, owner, runId, now, exp: now + ttlMs, ...procParams(proc) }).changes === 1
    );
  }

  /** Extends the lease; false means it was lost (expired and taken over). */
  heartbeat(name: string, owner: string, now: number, ttlMs: number): boolean {
    return (
      this.db
        .prepare('UPDATE locks SET heartbeat_at = ?, expires_at = ? WHERE name = ? AND owner = ?')
        .run(now, now + ttlMs, name, owner).changes === 1
    );
  }

  release(name: string, owner: string): void {
    this.db.prepare('DELETE FROM locks WHERE name = ? AND owner = ?').run(name, owner);
  }

  holders(now: number): LockHolder[] {
    return (this.db.prepare('SELECT * FROM locks WHERE expires_at > ? ORDER BY name').all(now) as LockRow[]).map(
      toHolder,
    );
  }
}

export const procParams = (p: OwnerProcess | null) => ({
  host: p?.host ?? null,
  pid: p?.pid ?? null,
  scope: p?.scope ?? null,
});
