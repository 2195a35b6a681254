// The migrations' security posture, read from the catalog after they applied:
// RLS on every table, nothing for anon, read-and-maintain for service_role
// (server jobs), functions that run as
// the caller with a pinned search_path, and no column that could hold a token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSupabaseShim, shimBackends, type SupabaseShim } from '../../../fakes/supabase';

const TABLES = ['workspaces', 'workspace_members', 'workspace_calendar_events', 'calendar_sync_states', 'workspace_calendar_sync_log'];
const PRIVS = ['select', 'insert', 'update', 'delete'];

for (const backend of shimBackends()) {
  describe.skipIf(!backend.available)(`migrations (${backend.name})`, () => {
    let shim: SupabaseShim;
    beforeAll(async () => {
      shim = await startSupabaseShim({ databaseUrl: backend.databaseUrl });
    });
    afterAll(async () => {
      await shim?.close();
    });

    it('enables row-level security on every table in public', async () => {
      const rows = await shim.query<{ relname: string; relrowsecurity: boolean }>(
        `select c.relname, c.relrowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'r' order by 1`,
      );
      expect(rows.map((r) => r.relname).sort()).toEqual([...TABLES].sort());
      expect(rows.filter((r) => !r.relrowsecurity)).toEqual([]);
    });

    it('grants exactly the documented table privileges: members per RLS, server jobs (service_role) read all and maintain, anon nothing', async () => {
      // supabase/README.md, "Access" and "Server jobs". Members never DELETE an
      // event (a delete is a tombstone through the RPC) nor a log row.
      const expected: Record<string, Record<string, string[]>> = {
        workspaces: { authenticated: ['select'], service_role: ['select'] },
        workspace_members: { authenticated: ['select'], service_role: ['select'] },
        workspace_calendar_events: { authenticated: ['select', 'insert', 'update'], service_role: ['select', 'delete'] },
        calendar_sync_states: { authenticated: ['select', 'insert', 'update', 'delete'], service_role: ['select', 'delete'] },
        workspace_calendar_sync_log: { authenticated: ['select', 'insert', 'update'], service_role: ['select', 'delete'] },
      };
      for (const table of TABLES) {
        const [pub] = await shim.query<{ ok: boolean }>(
          `select exists (select 1 from information_schema.role_table_grants where table_schema = 'public' and table_name = $1 and grantee = 'PUBLIC') as ok`,
          [table],
        );
        expect({ table, pub: pub?.ok }).toEqual({ table, pub: false });
        for (const role of ['anon', 'authenticated', 'service_role']) {
          const granted: string[] = [];
          for (const priv of PRIVS) {
            const [row] = await shim.query<{ ok: boolean }>(`select has_table_privilege($2, 'public.' || $1, $3) as ok`, [table, role, priv]);
            if (row?.ok) granted.push(priv);
          }
          expect({ table, role, granted }).toEqual({ table, role, granted: expected[table]?.[role] ?? [] });
        }
      }
      // service_role may clear a stuck lease, and change nothing else of a state row.
      const cols = await shim.query<{ column_name: string }>(
        `select column_name from information_schema.column_privileges
          where table_schema = 'public' and table_name = 'calendar_sync_states' and grantee = 'service_role' and privilege_type = 'UPDATE' order by 1`,
      );
      expect(cols.map((c) => c.column_name)).toEqual(['lease_expires_at', 'lease_holder', 'lease_user', 'updated_at']);
    });

    it('defines the RPCs as SECURITY INVOKER with a fixed search_path, executable by authenticated only', async () => {
      const fns = await shim.query<{ name: string; definer: boolean; config: string[] | null; anon: boolean; service: boolean; authed: boolean; pub: boolean }>(
        `select p.proname as name, p.prosecdef as definer, p.proconfig as config,
                has_function_privilege('anon', p.oid, 'execute') as anon,
                has_function_privilege('service_role', p.oid, 'execute') as service,
                has_function_privilege('authenticated', p.oid, 'execute') as authed,
                coalesce(aclexplode.grantee = 0, false) as pub
           from pg_proc p join pg_namespace n on n.oid = p.pronamespace
           left join lateral aclexplode(p.proacl) on aclexplode.grantee = 0
          where n.nspname = 'public' and p.proname like 'calsync\\_%' and p.prorettype <> 'trigger'::regtype order by 1`,
      );
      expect(fns.map((f) => f.name)).toEqual([
        'calsync_acquire_lease',
        'calsync_append_sync_log',
        'calsync_assert_member',
        'calsync_delete_events',
        'calsync_release_lease',
        'calsync_upsert_events',
      ]);
      for (const f of fns) {
        expect({ name: f.name, definer: f.definer, anon: f.anon, service: f.service, authed: f.authed, pub: f.pub }).toEqual({
          name: f.name,
          definer: false,
          anon: false,
          service: false,
          authed: true,
          pub: false,
        });
        expect(f.config).toContain('search_path=""');
      }
    });

    it('defines the trigger functions as SECURITY INVOKER with a fixed search_path, executable by nobody', async () => {
      const fns = await shim.query<{ name: string; definer: boolean; config: string[] | null; anon: boolean; service: boolean; authed: boolean }>(
        `select p.proname as name, p.prosecdef as definer, p.proconfig as config,
                has_function_privilege('anon', p.oid, 'execute') as anon,
                has_function_privilege('service_role', p.oid, 'execute') as service,
                has_function_privilege('authenticated', p.oid, 'execute') as authed
           from pg_proc p join pg_namespace n on n.oid = p.pronamespace
          where n.nspname = 'public' and p.proname like 'calsync\\_%' and p.prorettype = 'trigger'::regtype order by 1`,
      );
      expect(fns.map(({ config: _, ...f }) => f)).toEqual([{ name: 'calsync_count_withdrawals', definer: false, anon: false, service: false, authed: false }]);
      for (const f of fns) expect(f.config).toContain('search_path=""');
    });

    it('has no column that could hold an OAuth token', async () => {
      const cols = await shim.query<{ column_name: string }>(
        `select column_name from information_schema.columns
          where table_schema = 'public' and (column_name ilike '%token%' or column_name ilike '%secret%' or column_name ilike '%oauth%')`,
      );
      expect(cols).toEqual([]);
    });
  });
}
