// The Postgres behind the shim, as two interchangeable backends: PGlite in
// process (the default) and a system PostgreSQL (when TEST_DATABASE_URL is set).

export interface Queryable {
  /** One statement, $1… parameters, run as the superuser that owns the database. */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Any number of statements, no parameters. */
  exec(sql: string): Promise<void>;
}

export interface ShimDatabase extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction on one connection; rolls back when fn throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Closes every connection; the system-Postgres backend also drops its database. */
  close(): Promise<void>;
}

/** The shape both drivers give a Postgres error. */
export interface PgError {
  code: string;
  message: string;
  detail?: string;
  hint?: string;
}

export function isPgError(e: unknown): e is PgError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { code?: unknown }).code === 'string' &&
    /^[0-9A-Z]{5}$/.test((e as { code: string }).code)
  );
}

// Both drivers return the same JS values to tests: dates stay 'YYYY-MM-DD'
// strings (a Date would shift with the process TZ), int8 counts become numbers.
export const DATE_OID = 1082;
export const INT8_OID = 20;
export const parseDate = (v: string): string => v;
export const parseInt8 = (v: string): number => Number(v);
