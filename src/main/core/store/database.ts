// Opens the SQLite cache with the settings every process must share: WAL so
// readers never block the syncing writer, a busy timeout so two processes
// queue instead of failing, and foreign keys on.
import Database, { type Database as Db } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { migrate } from './migrations';

export type { Db };

export interface OpenOptions {
  /**
   * Path of the better-sqlite3 addon to load instead of node_modules' copy: the
   * Electron shell passes its Electron-ABI build, so the Node copy (tests, CLI)
   * is never rebuilt for Electron.
   */
  nativeBinding?: string;
}

export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  let db: Db;
  try {
    db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
    db.pragma('busy_timeout = 10000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (e) {
    throw new AppError('storage-error', `cannot open the cache at ${file}: ${(e as Error).message}`);
  }
  return db;
}
