// Whether the last sessions on the cache ended cleanly. `PRAGMA quick_check`
// reads the whole file (150 ms at 100k events, 0.45 s at 300k): too much for
// every `calsync status`. Damage comes from a crash or power loss in the middle
// of a write, so the check runs only when a session did not end cleanly.
//
// Each process that opens the cache leaves a marker file in a `sessions` dir
// beside it and removes it on a clean close. A marker whose process is gone
// (crash, kill -9, power loss: another boot) means an unclean end: the next
// open checks the file, then removes the dead marker. A process that met a
// damaged page at run time keeps its marker on close, so the next start checks
// (and rebuilds) too.
import { readFileSync, readdirSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import * as z from 'zod';

export interface SessionProcess {
  host: string;
  /** Boot id + pid namespace (see sync/lease-owner.ts); '' where unknown. */
  scope: string;
  pid: number;
}

const markerSchema = z.object({
  host: z.string(),
  scope: z.string(),
  pid: z.number().int(),
  damaged: z.boolean().optional(),
});

/**
 * Pure: a marker left by `marker`, judged from `self`. Live: its process still
 * runs (or is this one). Dead: it cannot be running — gone from this host's
 * pid table, or left by an earlier boot of this host. Unknown: another host or
 * pid namespace, where its pid means nothing here.
 */
export function judgeMarker(
  marker: SessionProcess,
  self: SessionProcess,
  isAlive: (pid: number) => boolean,
): 'live' | 'dead' | 'unknown' {
  if (marker.host !== self.host) return 'unknown';
  const bootA = marker.scope.split('/')[0] ?? '';
  const bootB = self.scope.split('/')[0] ?? '';
  if (bootA && bootB && bootA !== bootB) return 'dead'; // the machine restarted since
  if (marker.scope !== self.scope) return 'unknown';
  if (marker.pid === self.pid) return 'live';
  return isAlive(marker.pid) ? 'live' : 'dead';
}

export interface SessionsOptions {
  self: SessionProcess;
  isAlive: (pid: number) => boolean;
}

/** This process's session on one cache file. */
export class CacheSession {
  private constructor(
    private readonly dir: string,
    private readonly own: string,
    private readonly self: SessionProcess,
    /** Markers of processes that ended without closing (plus ones this process cannot judge). */
    readonly unclean: readonly string[],
    private readonly dead: readonly string[],
  ) {}

  static sessionsDir(dbFile: string): string {
    return `${dbFile}.sessions`;
  }

  /** Judges the markers already there, then leaves this process's own. */
  static begin(dbFile: string, opts: SessionsOptions): CacheSession {
    const dir = CacheSession.sessionsDir(dbFile);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const unclean: string[] = [];
    const dead: string[] = [];
    for (const name of readdirSync(dir)) {
      if (!name.endsWith('.json')) continue;
      const verdict = judgeFile(path.join(dir, name), opts);
      if (verdict === 'live') continue;
      unclean.push(name);
      if (verdict === 'dead') dead.push(name);
    }
    const own = `${opts.self.pid}-${randomUUID().slice(0, 8)}.json`;
    writeFileSync(path.join(dir, own), JSON.stringify(opts.self), { mode: 0o600 });
    return new CacheSession(dir, own, opts.self, unclean, dead);
  }

  /** After the file was checked (or rebuilt): the dead sessions are settled. */
  settle(): void {
    for (const name of this.dead) rmSync(path.join(this.dir, name), { force: true });
  }

  /** A clean end: the next open need not check the file. */
  end(): void {
    rmSync(path.join(this.dir, this.own), { force: true });
  }

  /** An end after meeting damage: the next open checks, even in this same process. */
  endDamaged(): void {
    writeFileSync(path.join(this.dir, this.own), JSON.stringify({ ...this.self, damaged: true }), { mode: 0o600 });
  }
}

function judgeFile(file: string, opts: SessionsOptions): 'live' | 'dead' | 'unknown' {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    // Gone meanwhile (its process closed): clean. Unreadable (torn write in a crash): not.
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'live' : 'dead';
  }
  const parsed = markerSchema.safeParse(raw);
  if (!parsed.success || parsed.data.damaged) return 'dead';
  return judgeMarker(parsed.data, opts.self, opts.isAlive);
}
