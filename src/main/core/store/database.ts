// Opens the SQLite cache with the settings every process must share: WAL so
// readers never block the syncing writer, a busy timeout so two processes
// queue instead of failing, and foreign keys on. A damaged file is checked for
// at open (quick_check: ~50 ms for 200k events) and recovered, not crash-looped.
import Database, { type Database as Db } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
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
}

export interface Opened {
  db: Db;
  /** Set when the file was damaged, moved aside and a fresh cache started from what could be read. */
  recovery: SalvageReport | null;
}

function openChecked(file: string, opts: OpenOptions): Db {
  const db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  try {
    db.pragma('busy_timeout = 10000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    if (file !== ':memory:') {
      const check = db.pragma('quick_check(1)', { simple: true });
      if (check !== 'ok') throw new DamagedCacheError(String(check));
    }
    migrate(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

export function openDatabase(file: string, opts: OpenOptions = {}): Opened {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  try {
    return { db: openChecked(file, opts), recovery: null };
  } catch (e) {
    if (file === ':memory:' || !(e instanceof DamagedCacheError || isDamaged(e))) {
      throw new AppError('storage-error', `cannot open the cache at ${file}: ${(e as Error).message}`);
    }
    let backup: string;
    try {
      backup = moveAside(file, Date.now());
    } catch (moveError) {
      // Another process moved it first and is starting the fresh cache: use that.
      if ((moveError as NodeJS.ErrnoException).code === 'ENOENT') return { db: openChecked(file, opts), recovery: null };
      throw new AppError('storage-error', `the cache at ${file} is damaged and could not be moved aside: ${(moveError as Error).message}`);
    }
    const db = openChecked(file, opts);
    return { db, recovery: salvage(backup, db, opts) };
  }
}
