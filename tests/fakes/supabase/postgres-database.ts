// The system PostgreSQL: a fresh database per shim (random name, dropped on
// close), so parallel test files never see each other's rows. Roles are
// cluster-wide, so they are created once, under an advisory lock, on the
// database named in the URL.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DATE_OID, INT8_OID, parseDate, parseInt8, type Queryable, type ShimDatabase } from './database';
import { SUPABASE_ROLES_SQL } from './bootstrap';

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === DATE_OID) return parseDate;
    if (oid === INT8_OID) return parseInt8;
    return pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

function asQueryable(client: pg.ClientBase | pg.Pool): Queryable {
  return {
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    exec: async (sql: string) => {
      await client.query(sql);
    },
  };
}

export async function openPostgresDatabase(adminUrl: string): Promise<ShimDatabase> {
  const name = `calsync_shim_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`select pg_advisory_lock(hashtext('calsync-supabase-shim-roles'))`);
    try {
      await admin.query(SUPABASE_ROLES_SQL);
    } finally {
      await admin.query(`select pg_advisory_unlock(hashtext('calsync-supabase-shim-roles'))`);
    }
    await admin.query(`create database "${name}"`);
    // Supabase runs in UTC; PostgREST renders timestamptz in the session zone.
    await admin.query(`alter database "${name}" set timezone to 'UTC'`);
  } finally {
    await admin.end();
  }

  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 8, types });
  const direct = asQueryable(pool);
  return {
    kind: 'postgres',
    query: direct.query,
    exec: direct.exec,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const out = await fn(asQueryable(client));
        await client.query('commit');
        return out;
      } catch (e) {
        await client.query('rollback').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
      const drop = new pg.Client({ connectionString: adminUrl });
      await drop.connect();
      try {
        await drop.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await drop.end();
      }
    },
  };
}
