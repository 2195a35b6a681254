// Opens the SQLite cache with the settings every process must share: WAL so
// readers never block the syncing writer, a busy timeout so two processes
// queue instead of failing, and foreign keys on. A damaged file is checked for
// at open and recovered, not crash-looped. The check reads the whole file, so it
// runs only when a session before this one did not end cleanly
// (clean-shutdown.ts), never on every open.
import Database, { type Database as Db } from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { currentLeaseOwner, processAlive } from '../sync/lease-owner';
import { CacheSession, type SessionsOptions } from './clean-shutdown';
import { migrate } from './migrations';
import { moveAside, salvage, type SalvageReport } from './recovery';
import { DamagedCacheError, isDamaged } from './sqlite-errors';

export type { Db };

export interface OpenOptions {
  /**
   * Path of the better-sqlite3 addon to load instead of node_modules' copy: the
   * Electron shell passes its Electron-ABI build, so the Node copy (tests, CLI)
   * is never rebuilt for Electron.
   */
  nativeBinding?: string;
  /** Who this process is, for the clean-shutdown markers; default: the running process. */
  session?: SessionsOptions;
}

export interface Opened {
  db: Db;
  /** Set when the file was damaged, moved aside and a fresh cache started from what could be read. */
  recovery: SalvageReport | null;
  /** This process's clean-shutdown marker (none for an in-memory cache). */
  session: CacheSession | null;
  /** Whether this open ran quick_check (a session before it ended uncleanly). */
  checked: boolean;
}

function thisProcess(): SessionsOptions {
  const proc = currentLeaseOwner('').proc!;
  return { self: proc, isAlive: processAlive };
}

function openChecked(file: string, opts: OpenOptions, check: boolean): Db {
  const db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  try {
    db.pragma('busy_timeout = 10000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    if (check) {
      const result = db.pragma('quick_check(1)', { simple: true });
      if (result !== 'ok') throw new DamagedCacheError(String(result));
    }
    migrate(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

export function openDatabase(file: string, opts: OpenOptions = {}): Opened {
  if (file === ':memory:') return { db: openChecked(file, opts, false), recovery: null, session: null, checked: false };
  mkdirSync(path.dirname(file), { recursive: true });
  // A cache from before the markers existed (or whose sessions dir was removed) is checked once.
  const firstMarked = existsSync(file) && !existsSync(CacheSession.sessionsDir(file));
  const session = CacheSession.begin(file, opts.session ?? thisProcess());
  const checked = firstMarked || session.unclean.length > 0;
  try {
    const opened = openInSession(file, opts, checked);
    session.settle();
    return { ...opened, session, checked };
  } catch (e) {
    session.end();
    throw e;
  }
}

function openInSession(file: string, opts: OpenOptions, check: boolean): Pick<Opened, 'db' | 'recovery'> {
  try {
    return { db: openChecked(file, opts, check), recovery: null };
  } catch (e) {
    if (!(e instanceof DamagedCacheError || isDamaged(e))) {
      throw new AppError('storage-error', `cannot open the cache at ${file}: ${(e as Error).message}`);
    }
    let backup: string;
    try {
      backup = moveAside(file, Date.now());
    } catch (moveError) {
      // Another process moved it first and is starting the fresh cache: use that.
      if ((moveError as NodeJS.ErrnoException).code === 'ENOENT')
        return { db: openChecked(file, opts, true), recovery: null };
      throw new AppError(
        'storage-error',
        `the cache at ${file} is damaged and could not be moved aside: ${(moveError as Error).message}`,
      );
    }
    const db = openChecked(file, opts, true);
    return { db, recovery: salvage(backup, db, opts) };
  }
}
