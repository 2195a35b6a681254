// SQLite failures that mean something to people: a damaged file, a full disk.

const DAMAGED = new Set([
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT_INDEX',
  'SQLITE_CORRUPT_SEQUENCE',
  'SQLITE_CORRUPT_VTAB',
]);

export function sqliteCode(e: unknown): string | null {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

export function isDamaged(e: unknown): boolean {
  const code = sqliteCode(e);
  return code !== null && (DAMAGED.has(code) || code.startsWith('SQLITE_CORRUPT'));
}

export class DamagedCacheError extends Error {
  constructor(detail: string) {
    super(`the cache file is damaged (${detail})`);
    this.name = 'DamagedCacheError';
  }
}
