// Leases in the lock table. Acquire is one statement that also takes over an
// expired lease, so two processes can never both believe they hold it, and a
// holder that died (SIGKILL, power loss) blocks others only until expiry.
import type { Db } from './database';

export interface LockHolder {
  name: string;
  owner: string;
  runId: number | null;
  acquiredAt: number;
  expiresAt: number;
}

export class LocksRepo {
  constructor(private readonly db: Db) {}

  tryAcquire(name: string, owner: string, runId: number | null, now: number, ttlMs: number): boolean {
    const row = this.db
      .prepare(
        `INSERT INTO locks (name, owner, run_id, acquired_at, heartbeat_at, expires_at) VALUES (@name, @owner, @runId, @now, @now, @exp)
         ON CONFLICT(name) DO UPDATE SET owner = excluded.owner, run_id = excluded.run_id, acquired_at = excluded.acquired_at,
           heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at
         WHERE locks.expires_at <= @now OR locks.owner = @owner
         RETURNING owner`,
      )
      .get({ name, owner, runId, now, exp: now + ttlMs }) as { owner: string } | undefined;
    return row?.owner === owner;
  }

  /** Extends the lease; false means it was lost (expired and taken over). */
  heartbeat(name: string, owner: string, now: number, ttlMs: number): boolean {
    return this.db.prepare('UPDATE locks SET heartbeat_at = ?, expires_at = ? WHERE name = ? AND owner = ?').run(now, now + ttlMs, name, owner).changes === 1;
  }

  release(name: string, owner: string): void {
    this.db.prepare('DELETE FROM locks WHERE name = ? AND owner = ?').run(name, owner);
  }

  holders(now: number): LockHolder[] {
    return (
      this.db.prepare('SELECT name, owner, run_id, acquired_at, expires_at FROM locks WHERE expires_at > ? ORDER BY name').all(now) as Array<{
        name: string;
        owner: string;
        run_id: number | null;
        acquired_at: number;
        expires_at: number;
      }>
    ).map((r) => ({ name: r.name, owner: r.owner, runId: r.run_id, acquiredAt: r.acquired_at, expiresAt: r.expires_at }));
  }
}
