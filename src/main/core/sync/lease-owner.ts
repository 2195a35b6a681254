// Who holds a lease, as a process. A holder on this host (same boot, same pid
// namespace) whose pid is gone cannot be running any more: its lease is taken
// over at once. A holder elsewhere — another host, another container, an
// earlier boot — is judged by its lease's expiry only, since its pid means
// nothing here.
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import type { OwnerProcess } from '../store/locks-repo';

export type { OwnerProcess };

export interface LeaseOwner {
  /** The lock table's owner string: unique per process (and per app in it). */
  id: string;
  proc: OwnerProcess | null;
  isAlive: (pid: number) => boolean;
}

/** Pure: may a lease held by `holder` be taken over now, without waiting for its expiry? */
export function deadLocalHolder(
  holder: OwnerProcess | null,
  self: OwnerProcess | null,
  isAlive: (pid: number) => boolean,
): boolean {
  if (!holder || !self) return false;
  if (holder.host !== self.host || holder.scope !== self.scope) return false;
  if (holder.pid === self.pid || !Number.isInteger(holder.pid) || holder.pid <= 0) return false;
  return !isAlive(holder.pid);
}

function readTrimmed(read: () => string): string {
  try {
    return read().trim();
  } catch {
    return '';
  }
}

/** Boot id + pid namespace: two processes with equal scopes can see each other's pids. */
function processScope(): string {
  if (process.platform !== 'linux') return '';
  const boot = readTrimmed(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8'));
  const ns = readTrimmed(() => readlinkSync('/proc/self/ns/pid'));
  return boot && ns ? `${boot}/${ns}` : '';
}

/**
 * kill(pid, 0) tells whether a pid exists; EPERM means it exists but is not
 * ours. A zombie (killed, not yet reaped by its parent) still has a pid but
 * runs nothing: on Linux its state in /proc says so.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
  if (process.platform !== 'linux') return true;
  const stat = readTrimmed(() => readFileSync(`/proc/${pid}/stat`, 'utf8'));
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && state !== 'X';
}

export function currentLeaseOwner(id: string): LeaseOwner {
  return { id, proc: { host: hostname(), pid: process.pid, scope: processScope() }, isAlive: processAlive };
}

/** A bare owner string: no process known, so only the expiry rule applies to its leases. */
export const asLeaseOwner = (o: string | LeaseOwner): LeaseOwner =>
  typeof o === 'string' ? { id: o, proc: null, isAlive: () => true } : o;
