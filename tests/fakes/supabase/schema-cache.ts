// PostgREST's schema cache, cut down: the tables and functions of `public`,
// looked up once (as the database owner) and remembered. The migrations are
// applied before the shim listens, so nothing here goes stale.
import type { ShimDatabase } from './database';

export interface TableInfo {
  name: string;
  /** column name → SQL type */
  columns: Map<string, string>;
}

export interface FunctionInfo {
  name: string;
  args: Array<{ name: string; type: string }>;
  /** how many trailing args have defaults */
  defaults: number;
  returns: string;
  returnsSet: boolean;
}

export class SchemaCache {
  private readonly tables = new Map<string, Promise<TableInfo | null>>();
  private readonly functions = new Map<string, Promise<FunctionInfo[]>>();

  constructor(private readonly db: ShimDatabase) {}

  table(name: string): Promise<TableInfo | null> {
    let hit = this.tables.get(name);
    if (!hit) {
      hit = this.loadTable(name);
      this.tables.set(name, hit);
    }
    return hit;
  }

  fn(name: string): Promise<FunctionInfo[]> {
    let hit = this.functions.get(name);
    if (!hit) {
      hit = this.loadFunctions(name);
      this.functions.set(name, hit);
    }
    return hit;
  }

  private async loadTable(name: string): Promise<TableInfo | null> {
    const rows = await this.db.query<{ column: string; type: string }>(
      `select a.attname as column, format_type(a.atttypid, a.atttypmod) as type
         from pg_attribute a
         join pg_class c on c.oid = a.attrelid
         join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relname = $1 and c.relkind in ('r', 'v', 'm', 'p', 'f')
          and a.attnum > 0 and not a.attisdropped
        order by a.attnum`,
      [name],
    );
    if (rows.length === 0) return null;
    return { name, columns: new Map(rows.map((r) => [r.column, r.type])) };
  }

  private async loadFunctions(name: string): Promise<FunctionInfo[]> {
    const rows = await this.db.query<{
      nargs: number;
      ndefaults: number;
      returns_set: boolean;
      returns: string;
      arg_names: string[];
      arg_types: string[];
    }>(
      `select p.pronargs as nargs, p.pronargdefaults as ndefaults, p.proretset as returns_set,
              format_type(p.prorettype, null) as returns,
              coalesce(p.proargnames, '{}'::text[]) as arg_names,
              array(select format_type(t.type_oid, null)
                      from unnest(p.proargtypes::oid[]) with ordinality as t(type_oid, ord)
                     order by t.ord) as arg_types
         from pg_proc p
         join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and p.proname = $1 and p.prokind = 'f'`,
      [name],
    );
    return rows.map((r) => ({
      name,
      args: r.arg_types.map((type, i) => ({ name: r.arg_names[i] ?? '', type })),
      defaults: r.ndefaults,
      returns: r.returns,
      returnsSet: r.returns_set,
    }));
  }
}
