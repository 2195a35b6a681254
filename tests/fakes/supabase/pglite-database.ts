// PGlite: real Postgres compiled to WASM, in process, one connection. Every
// call goes through one queue so two HTTP requests never interleave their
// statements inside each other's transaction.
import { PGlite } from '@electric-sql/pglite';
import { DATE_OID, INT8_OID, parseDate, parseInt8, type Queryable, type ShimDatabase } from './database';

export async function openPgliteDatabase(): Promise<ShimDatabase> {
  const db = await PGlite.create({ parsers: { [DATE_OID]: parseDate, [INT8_OID]: parseInt8 } });
  // Supabase runs in UTC; PostgREST renders timestamptz in the session zone.
  await db.exec(`set timezone to 'UTC'`);
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = tail.then(job, job);
    tail = run.catch(() => undefined);
    return run;
  };
  const direct: Queryable = {
    query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
    exec: async (sql: string) => {
      await db.exec(sql);
    },
  };
  return {
    kind: 'pglite',
    query: (sql, params) => serial(() => direct.query(sql, params)),
    exec: (sql) => serial(() => direct.exec(sql)),
    transaction: (fn) =>
      serial(() =>
        db.transaction((tx) =>
          fn({
            query: async <T>(sql: string, params?: unknown[]) => (await tx.query<T>(sql, params)).rows,
            exec: async (sql: string) => {
              await tx.exec(sql);
            },
          }),
        ),
      ),
    close: () => serial(() => db.close()),
  };
}
