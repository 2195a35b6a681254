// /rest/v1/<table>: GET, POST (insert), PATCH and DELETE with filters — enough
// for supabase-js `.from(table)` calls, and for RLS to be tried through the API.
import type { ShimDatabase } from './database';
import { HttpError } from './http-util';
import { pgrst } from './pg-errors';
import { orderAndLimit, quoteIdent, selectList, whereClause } from './rest-filters';
import { runAs, type RequestAuth } from './request-auth';
import type { SchemaCache, TableInfo } from './schema-cache';

export interface TableRequest {
  /** PostgREST's max-rows (Supabase's default: 1000) caps what one GET returns. */
  maxRows: number;
  method: string;
  table: string;
  search: URLSearchParams;
  body: unknown;
  prefer: string;
  accept: string;
}

export interface TableResult {
  status: number;
  body: string | null;
  headers: Record<string, string>;
}

function bodyColumns(table: TableInfo, rows: Array<Record<string, unknown>>, search: URLSearchParams): string[] {
  const listed = search.get('columns');
  const names = listed ? listed.split(',').map((c) => c.trim().replace(/^"|"$/g, '')) : [...new Set(rows.flatMap((r) => Object.keys(r)))];
  for (const n of names) {
    if (!table.columns.has(n)) {
      throw pgrst(400, 'PGRST204', `Could not find the '${n}' column of '${table.name}' in the schema cache`);
    }
  }
  return names;
}

function asRows(body: unknown): Array<Record<string, unknown>> {
  const rows = Array.isArray(body) ? body : [body];
  if (!rows.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r))) {
    throw new HttpError(400, { code: 'PGRST102', message: 'All object keys must match', details: null, hint: null });
  }
  return rows as Array<Record<string, unknown>>;
}

function hasFilter(search: URLSearchParams): boolean {
  return [...search.keys()].some((k) => !['select', 'order', 'limit', 'offset', 'columns', 'on_conflict'].includes(k));
}

export async function tableRequest(db: ShimDatabase, schema: SchemaCache, auth: RequestAuth, r: TableRequest): Promise<TableResult> {
  const table = await schema.table(r.table);
  if (!table) {
    throw pgrst(404, 'PGRST205', `Could not find the table 'public.${r.table}' in the schema cache`);
  }
  const target = `public.${quoteIdent(table.name)}`;
  const params: unknown[] = [];
  const returning = r.method === 'GET' || /return=representation/.test(r.prefer);
  const cols = selectList(table, r.search);
  let statement: string;

  if ((r.method === 'PATCH' || r.method === 'DELETE') && !hasFilter(r.search)) {
    // Supabase loads pg-safeupdate for the API: no UPDATE/DELETE of a whole table.
    throw pgrst(400, '21000', `${r.method === 'PATCH' ? 'UPDATE' : 'DELETE'} requires a WHERE clause`);
  }
  if (r.method === 'GET') {
    const where = whereClause(table, r.search, params);
    statement = `select ${cols} from ${target}${where}${orderAndLimit(table, r.search, r.maxRows)}`;
  } else if (r.method === 'POST') {
    const rows = asRows(r.body);
    const names = bodyColumns(table, rows, r.search).map(quoteIdent).join(', ');
    params.push(JSON.stringify(rows));
    statement = `insert into ${target} (${names}) select ${names} from jsonb_populate_recordset(null::${target}, $1::jsonb) returning ${cols}`;
  } else if (r.method === 'PATCH') {
    const [patch] = asRows(r.body);
    const names = bodyColumns(table, [patch ?? {}], r.search);
    if (names.length === 0) return { status: 204, body: null, headers: {} };
    params.push(JSON.stringify(patch));
    const set = names.map((n) => `${quoteIdent(n)} = _v.${quoteIdent(n)}`).join(', ');
    const where = whereClause(table, r.search, params, '_t.');
    const out = cols === '*' ? '_t.*' : cols.split(', ').map((c) => `_t.${c}`).join(', ');
    statement = `update ${target} as _t set ${set} from jsonb_populate_record(null::${target}, $1::jsonb) as _v${where} returning ${out}`;
  } else if (r.method === 'DELETE') {
    statement = `delete from ${target}${whereClause(table, r.search, params)} returning ${cols}`;
  } else {
    throw new HttpError(405, { code: 'PGRST117', message: `Unsupported HTTP method: ${r.method}`, details: null, hint: null });
  }

  const rows = await runAs(db, auth, (tx) =>
    tx.query<{ body: string; n: number }>(
      `with _r as (${statement}) select coalesce(json_agg(_r), '[]')::text as body, count(*)::int as n from _r`,
      params,
    ),
  );
  const body = rows[0]?.body ?? '[]';
  const n = rows[0]?.n ?? 0;
  const range = { 'Content-Range': n > 0 ? `0-${n - 1}/*` : '*/*' };
  if (r.accept.includes('application/vnd.pgrst.object+json') && returning) {
    if (n !== 1) {
      throw pgrst(406, 'PGRST116', 'Cannot coerce the result to a single JSON object', `The result contains ${n} rows`);
    }
    const single = JSON.stringify((JSON.parse(body) as unknown[])[0]);
    return { status: r.method === 'POST' ? 201 : 200, body: single, headers: range };
  }
  if (!returning) return { status: r.method === 'POST' ? 201 : 204, body: null, headers: range };
  return { status: r.method === 'POST' ? 201 : 200, body, headers: range };
}
