// Leaves the clean-shutdown marker of a process that has exited without
// closing the cache, as a crash or kill -9 does (store/clean-shutdown.ts).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CacheSession } from '../../src/main/core/store/clean-shutdown';
import { currentLeaseOwner } from '../../src/main/core/sync/lease-owner';

export function leaveCrashMarker(dbFile: string): number {
  // A pid that really existed on this host and is gone now.
  const pid = spawnSync(process.execPath, ['-e', '0']).pid;
  const self = currentLeaseOwner('').proc!;
  const dir = CacheSession.sessionsDir(dbFile);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${pid}-crashed.json`), JSON.stringify({ ...self, pid }));
  return pid;
}
