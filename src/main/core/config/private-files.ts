// The data dir holds tokens, the cache of everyone's calendars and logs: it is
// the user's alone, whatever the umask. The dir and the logs dir are 0700;
// the cache (with -wal/-shm/-journal and damaged copies), config, token files
// and logs are 0600. Files are created that way, and looser modes found at
// start are tightened and reported (list → plan → execute).
import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, readdirSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { DataPaths } from './paths';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export interface FoundEntry {
  path: string;
  kind: 'dir' | 'file';
  /** Permission bits (mode & 0o777). */
  mode: number;
}

export interface ModeChange {
  path: string;
  from: number;
  to: number;
}

/** Pure: every entry with group or other permissions is brought down to its private mode; the owner's bits are never widened. */
export function planModes(found: FoundEntry[]): ModeChange[] {
  return found
    .filter((e) => (e.mode & 0o077) !== 0)
    .map((e) => ({
      path: e.path,
      from: e.mode,
      to: e.mode & (e.kind === 'dir' ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE),
    }));
}

const octal = (m: number) => `0${m.toString(8).padStart(3, '0')}`;

export function describeChange(c: ModeChange): string {
  return `${c.path} was readable by others (mode ${octal(c.from)}); calsync made it private (${octal(c.to)})`;
}

/** Names calsync owns in the data dir (Electron keeps its own files there too: those are left alone). */
function isOurs(name: string, p: DataPaths): boolean {
  const db = path.basename(p.database);
  const tokens = path.basename(p.tokens);
  const config = path.basename(p.config);
  const control = path.basename(p.control);
  return (
    name === control ||
    name.startsWith(`${control}.`) ||
    name === config ||
    name.startsWith(`${config}.`) ||
    name.startsWith(db) ||
    name === tokens ||
    name.startsWith(`${tokens}.`)
  );
}

function entry(file: string): FoundEntry | null {
  try {
    const st = lstatSync(file);
    if (st.isSymbolicLink()) return null; // a link's own mode means nothing; its target is not ours to change
    return { path: file, kind: st.isDirectory() ? 'dir' : 'file', mode: st.mode & 0o777 };
  } catch {
    return null;
  }
}

function list(p: DataPaths): FoundEntry[] {
  const names = (dir: string) => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  };
  const found = [entry(p.dir), entry(p.logs)];
  for (const n of names(p.dir)) if (isOurs(n, p)) found.push(entry(path.join(p.dir, n)));
  for (const n of names(p.logs)) found.push(entry(path.join(p.logs, n)));
  return found.filter(
    (e): e is FoundEntry => e !== null && (e.kind === 'file' || e.path === p.dir || e.path === p.logs),
  );
}

/**
 * Replaces a private file whole: written under another name, then renamed, so
 * a reader never sees half of it. The chmod covers a leftover temporary file
 * of a crashed process with the same pid, whose mode a write would keep.
 */
export async function writePrivateFileAtomic(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, text, { mode: PRIVATE_FILE_MODE });
  await fs.chmod(tmp, PRIVATE_FILE_MODE);
  await fs.rename(tmp, file);
}

/** Creates a file (not truncating one that exists) with mode 0600, so whatever opens it next (SQLite, pino) never makes it with the umask's mode. */
export function createPrivateFile(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
}

export interface SecureResult {
  changed: ModeChange[];
  /** Entries whose mode could not be changed (owned by someone else, read-only file system). */
  failed: Array<{ path: string; reason: string }>;
}

/**
 * Makes the data dir private before anything else opens it: creates the dir,
 * the logs dir and the cache file private, and tightens whatever it finds
 * looser. On Windows the mode bits mean nothing (ACLs decide): nothing to do.
 */
export function securePrivateFiles(p: DataPaths, platform: NodeJS.Platform = process.platform): SecureResult {
  if (platform === 'win32') return { changed: [], failed: [] };
  const result: SecureResult = { changed: [], failed: [] };
  try {
    mkdirSync(p.dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    mkdirSync(p.logs, { recursive: true, mode: PRIVATE_DIR_MODE });
    // SQLite gives -wal and -shm the mode of the database file.
    createPrivateFile(p.database);
  } catch (e) {
    // An unwritable data dir: opening the cache next fails with the storage error people can act on; here it is only noted.
    result.failed.push({ path: p.dir, reason: (e as NodeJS.ErrnoException).code ?? 'error' });
  }
  for (const change of planModes(list(p))) {
    try {
      chmodSync(change.path, change.to);
      result.changed.push(change);
    } catch (e) {
      result.failed.push({ path: change.path, reason: (e as NodeJS.ErrnoException).code ?? 'error' });
    }
  }
  return result;
}
