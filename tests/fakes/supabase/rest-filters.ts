// PostgREST's query-string grammar, the part tests use: `select=`, horizontal
// filters (`col=eq.v`, neq, gt, gte, lt, lte, like, ilike, is, in, with `not.`),
// `order=` and `limit=`/`offset=`. Values are always bound as parameters.
import { pgrst } from './pg-errors';
import type { TableInfo } from './schema-cache';

const RESERVED = new Set(['select', 'order', 'limit', 'offset', 'columns', 'on_conflict']);
const OPS: Record<string, string> = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=', like: 'like', ilike: 'ilike' };

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

function column(table: TableInfo, name: string): string {
  if (!table.columns.has(name)) {
    throw pgrst(400, '42703', `column ${table.name}.${name} does not exist`);
  }
  return quoteIdent(name);
}

export function selectList(table: TableInfo, search: URLSearchParams): string {
  const raw = search.get('select');
  if (raw === null || raw.trim() === '' || raw.trim() === '*') return '*';
  return raw
    .split(',')
    .map((c) => column(table, c.trim()))
    .join(', ');
}

function splitList(body: string): string[] {
  // in.(a,"b,c",d)
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of body) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * The WHERE clause (or '') for the filters in `search`; pushes values onto
 * params. `qualifier` ("_t.") disambiguates columns in an UPDATE … FROM.
 */
export function whereClause(table: TableInfo, search: URLSearchParams, params: unknown[], qualifier = ''): string {
  const parts: string[] = [];
  for (const [key, raw] of search) {
    if (RESERVED.has(key)) continue;
    const col = qualifier + column(table, key);
    const negate = raw.startsWith('not.');
    const expr = negate ? raw.slice(4) : raw;
    const dot = expr.indexOf('.');
    const op = dot < 0 ? expr : expr.slice(0, dot);
    const value = dot < 0 ? '' : expr.slice(dot + 1);
    let sql: string;
    if (op === 'is') {
      const lit = value.toLowerCase();
      if (!['null', 'true', 'false', 'unknown'].includes(lit)) throw pgrst(400, 'PGRST100', `"failed to parse filter (${raw})"`);
      sql = `${col} is ${lit}`;
    } else if (op === 'in') {
      const m = /^\((.*)\)$/.exec(value);
      if (!m) throw pgrst(400, 'PGRST100', `"failed to parse filter (${raw})"`);
      const items = splitList(m[1] ?? '');
      sql = `${col} in (${items.map((v) => (params.push(v), `$${params.length}`)).join(', ')})`;
    } else if (OPS[op]) {
      params.push(op === 'like' || op === 'ilike' ? value.replace(/\*/g, '%') : value);
      sql = `${col} ${OPS[op]} $${params.length}`;
    } else {
      throw pgrst(400, 'PGRST100', `"failed to parse filter (${raw})"`);
    }
    parts.push(negate ? `not (${sql})` : sql);
  }
  return parts.length ? ` where ${parts.join(' and ')}` : '';
}

/** ORDER BY / LIMIT / OFFSET; the limit never exceeds maxRows. */
export function orderAndLimit(table: TableInfo, search: URLSearchParams, maxRows: number): string {
  let sql = '';
  const order = search.get('order');
  if (order) {
    const terms = order.split(',').map((term) => {
      const [name = '', dir, nulls] = term.split('.');
      const d = dir === 'desc' ? ' desc' : dir === 'asc' || dir === undefined ? ' asc' : null;
      if (d === null) throw pgrst(400, 'PGRST100', `"failed to parse order (${order})"`);
      const n = nulls === 'nullsfirst' ? ' nulls first' : nulls === 'nullslast' ? ' nulls last' : '';
      return `${column(table, name)}${d}${n}`;
    });
    sql += ` order by ${terms.join(', ')}`;
  }
  const limit = search.get('limit');
  const asked = limit === null ? maxRows : Math.max(0, Number.parseInt(limit, 10) || 0);
  sql += ` limit ${Math.min(asked, maxRows)}`;
  const offset = search.get('offset');
  if (offset !== null) sql += ` offset ${Math.max(0, Number.parseInt(offset, 10) || 0)}`;
  return sql;
}
