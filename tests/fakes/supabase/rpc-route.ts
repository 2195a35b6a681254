// POST /rest/v1/rpc/<fn>: named JSON arguments, as supabase-js `.rpc()` sends
// them. Overloads are told apart by argument names, as PostgREST does.
import type { ShimDatabase } from './database';
import { HttpError } from './http-util';
import { pgrst } from './pg-errors';
import { runAs, type RequestAuth } from './request-auth';
import type { FunctionInfo, SchemaCache } from './schema-cache';

export interface RpcResult {
  status: number;
  body: string | null;
}

function pick(candidates: FunctionInfo[], given: string[]): FunctionInfo | undefined {
  return candidates.find((f) => {
    const names = f.args.map((a) => a.name);
    const required = names.slice(0, names.length - f.defaults);
    return given.every((g) => names.includes(g)) && required.every((r) => given.includes(r));
  });
}

export async function callRpc(
  db: ShimDatabase,
  schema: SchemaCache,
  auth: RequestAuth,
  name: string,
  args: unknown,
): Promise<RpcResult> {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    throw new HttpError(400, { code: 'PGRST102', message: 'RPC arguments must be a JSON object', details: null, hint: null });
  }
  const given = Object.keys(args);
  const fn = /^[a-z_][a-z0-9_]*$/.test(name) ? pick(await schema.fn(name), given) : undefined;
  if (!fn) {
    const shown = given.length ? `with parameters ${given.join(', ')}` : 'without parameters';
    throw pgrst(
      404,
      'PGRST202',
      `Could not find the function public.${name}(${given.join(', ')}) in the schema cache`,
      `Searched for the function public.${name} ${shown} or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.`,
    );
  }

  const params: unknown[] = [];
  const named = given.map((argName) => {
    const arg = fn.args.find((a) => a.name === argName)!;
    const value = (args as Record<string, unknown>)[argName];
    const isJson = arg.type === 'json' || arg.type === 'jsonb';
    params.push(value === null || value === undefined ? null : isJson || typeof value === 'object' ? JSON.stringify(value) : String(value));
    return `"${argName}" => $${params.length}::${arg.type}`;
  });
  const call = `public."${fn.name}"(${named.join(', ')})`;

  return runAs(db, auth, async (tx) => {
    if (fn.returns === 'void' && !fn.returnsSet) {
      await tx.query(`select ${call}`, params);
      return { status: 204, body: null };
    }
    const sql = fn.returnsSet
      ? `select coalesce(json_agg(_r), '[]')::text as body from ${call} as _r`
      : `select to_json(${call})::text as body`;
    const rows = await tx.query<{ body: string | null }>(sql, params);
    return { status: 200, body: rows[0]?.body ?? 'null' };
  });
}
