// The shim speaks PostgREST/GoTrue closely enough that supabase-js cannot tell:
// JWT checks, error shapes and statuses, table verbs, outages.
import { createClient } from '@supabase/supabase-js';
import { SignJWT } from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSupabaseShim, shimBackends, type SupabaseShim } from './index';

for (const backend of shimBackends()) {
  describe.skipIf(!backend.available)(`Supabase shim (${backend.name})`, () => {
    let shim: SupabaseShim;
    let userId: string;
    let wsId: string;
    let token: string;

    beforeAll(async () => {
      shim = await startSupabaseShim({ databaseUrl: backend.databaseUrl });
      userId = (await shim.createUser('shim@example.com', 'pw-shim')).id;
      wsId = await shim.createWorkspace('shim', [userId]);
      const res = await fetch(`${shim.url}/auth/v1/token?grant_type=password`, {
        method: 'POST',
        headers: { apikey: shim.anonKey, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'shim@example.com', password: 'pw-shim' }),
      });
      const session = (await res.json()) as { access_token: string; token_type: string; expires_in: number; expires_at: number; refresh_token: string; user: { id: string } };
      expect(session).toMatchObject({ token_type: 'bearer', expires_in: 3600, user: { id: userId } });
      expect(session.expires_at).toBeGreaterThan(Date.now() / 1000);
      token = session.access_token;
    });
    afterAll(async () => {
      await shim?.close();
    });

    const rest = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
      fetch(`${shim.url}/rest/v1/${path}`, { ...init, headers: { apikey: shim.anonKey, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...init.headers } });
    const sign = (claims: Record<string, unknown>, secret = shim.jwtSecret) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));

    it('runs with the backend it was asked for', () => {
      expect(shim.backend).toBe(backend.name);
    });

    it('checks the apikey and the bearer JWT of every request', async () => {
      expect((await fetch(`${shim.url}/rest/v1/workspaces`)).status).toBe(401);
      expect((await rest('workspaces', { headers: { apikey: 'garbage' } })).status).toBe(401);
      const forged = await rest('workspaces', { headers: { Authorization: `Bearer ${await sign({ role: 'authenticated', sub: userId }, 'wrong-secret')}` } });
      expect(forged.status).toBe(401);
      expect(await forged.json()).toMatchObject({ code: 'PGRST301' });
      const expired = await rest('workspaces', { headers: { Authorization: `Bearer ${await sign({ role: 'authenticated', sub: userId, exp: Math.floor(Date.now() / 1000) - 10 })}` } });
      expect(expired.status).toBe(401);
      expect(await expired.json()).toEqual({ code: 'PGRST303', message: 'JWT expired', details: null, hint: null });
      const ok = await rest('workspaces');
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual([{ id: wsId, name: 'shim', created_at: expect.any(String) }]);
    });

    it('runs each request as the token\'s role, with auth.uid() and auth.jwt() from its claims', async () => {
      await shim.query(`create function public.shim_whoami() returns jsonb language sql stable as $$
        select jsonb_build_object('user', current_user, 'uid', auth.uid(), 'role', auth.role(), 'email', auth.jwt() ->> 'email') $$`);
      const client = createClient(shim.url, shim.anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
      expect((await client.rpc('shim_whoami')).data).toEqual({ user: 'anon', uid: null, role: 'anon', email: null });
      await client.auth.signInWithPassword({ email: 'shim@example.com', password: 'pw-shim' });
      expect((await client.rpc('shim_whoami')).data).toEqual({ user: 'authenticated', uid: userId, role: 'authenticated', email: 'shim@example.com' });
      // The settings are transaction-local: nothing leaks into the owner's session.
      expect(await shim.query(`select current_user = 'authenticated' as leaked, auth.uid() as uid`)).toEqual([{ leaked: false, uid: null }]);
      const { data } = await client.from('workspace_members').select('user_id,role');
      expect(data).toEqual([{ user_id: userId, role: 'member' }]);
      const { data: user } = await client.auth.getUser();
      expect(user.user?.email).toBe('shim@example.com');
    });

    it('answers unknown functions and tables with 404 in PostgREST shape', async () => {
      const fn = await rest('rpc/no_such_fn', { method: 'POST', body: '{}' });
      expect(fn.status).toBe(404);
      expect(await fn.json()).toMatchObject({ code: 'PGRST202', message: expect.stringContaining('no_such_fn'), details: expect.any(String), hint: null });
      const wrongArgs = await rest('rpc/calsync_acquire_lease', { method: 'POST', body: JSON.stringify({ p_nope: 1 }) });
      expect(wrongArgs.status).toBe(404);
      const table = await rest('no_such_table');
      expect(table.status).toBe(404);
      expect(await table.json()).toMatchObject({ code: 'PGRST205' });
      const column = await rest('workspaces?nope=eq.1');
      expect(column.status).toBe(400);
    });

    it('inserts with return=representation, reports a duplicate key as 409, filters, patches and deletes', async () => {
      const row = { ws_id: wsId, calendar_key: 'google:shim' };
      const created = await rest('calendar_sync_states?select=ws_id,calendar_key', { method: 'POST', body: JSON.stringify(row), headers: { Prefer: 'return=representation' } });
      expect(created.status).toBe(201);
      expect(await created.json()).toEqual([row]);
      const dup = await rest('calendar_sync_states', { method: 'POST', body: JSON.stringify(row) });
      expect(dup.status).toBe(409);
      // No "Key (…) already exists" detail: Postgres withholds key values of a table under RLS.
      expect(await dup.json()).toEqual({ code: '23505', message: expect.stringContaining('duplicate key'), details: null, hint: null });

      const client = createClient(shim.url, shim.anonKey, { auth: { persistSession: false, autoRefreshToken: false }, global: { headers: { Authorization: `Bearer ${token}` } } });
      const patched = await client.from('calendar_sync_states').update({ last_synced_by: 'dev' }).eq('calendar_key', 'google:shim').select('last_synced_by');
      expect(patched).toMatchObject({ status: 200, data: [{ last_synced_by: 'dev' }] });
      const single = await client.from('calendar_sync_states').select('calendar_key').in('calendar_key', ['google:shim', 'google:other']).single();
      expect(single.data).toEqual({ calendar_key: 'google:shim' });
      const none = await client.from('calendar_sync_states').select('calendar_key').neq('calendar_key', 'google:shim');
      expect(none.data).toEqual([]);
      const removed = await client.from('calendar_sync_states').delete().eq('calendar_key', 'google:shim');
      expect(removed.status).toBe(204);
      expect(await shim.query(`select 1 from public.calendar_sync_states where ws_id = $1`, [wsId])).toEqual([]);
    });

    it('caps a read at max-rows and refuses an unfiltered update or delete, as Supabase does', async () => {
      await shim.query(
        `insert into public.workspace_calendar_sync_log (ws_id, device_id, run_id, trigger, kind, status, started_at)
         select $1, 'bulk', g::text, 'cli', 'full', 'succeeded', now() from generate_series(1, 1005) g`,
        [wsId],
      );
      const client = createClient(shim.url, shim.anonKey, { auth: { persistSession: false, autoRefreshToken: false }, global: { headers: { Authorization: `Bearer ${token}` } } });
      expect((await client.from('workspace_calendar_sync_log').select('run_id')).data).toHaveLength(1000);
      const page = await client.from('workspace_calendar_sync_log').select('run_id').order('run_id', { ascending: false }).range(2, 4);
      expect(page.data).toEqual([{ run_id: '997' }, { run_id: '996' }, { run_id: '995' }]);
      const everything = await client.from('calendar_sync_states').delete();
      expect(everything).toMatchObject({ status: 400, error: { code: '21000', message: 'DELETE requires a WHERE clause' } });
    });

    it('goes down on stop() and comes back on start() at the same URL, sessions intact', async () => {
      const url = shim.url;
      await shim.stop();
      await expect(fetch(`${url}/rest/v1/workspaces`, { headers: { apikey: shim.anonKey } })).rejects.toThrow();
      await shim.start();
      expect(shim.url).toBe(url);
      expect((await rest('workspaces')).status).toBe(200);
    });

    it('serves /auth/v1/user until logout, then refuses the session', async () => {
      const auth = (path: string, method = 'GET') =>
        fetch(`${shim.url}/auth/v1/${path}`, { method, headers: { apikey: shim.anonKey, Authorization: `Bearer ${token}` } });
      const user = await auth('user');
      expect(user.status).toBe(200);
      expect(await user.json()).toMatchObject({ id: userId, email: 'shim@example.com', aud: 'authenticated', role: 'authenticated' });
      expect((await auth('logout?scope=global', 'POST')).status).toBe(204);
      const after = await auth('user');
      expect(after.status).toBe(403);
      expect(await after.json()).toMatchObject({ code: 'session_not_found' });
    });
  });
}

describe.skipIf(!shimBackends().find((b) => b.name === 'postgres')?.available)('Supabase shim on the system PostgreSQL', () => {
  it('creates a fresh database per shim and drops it on close', async () => {
    const url = shimBackends().find((b) => b.name === 'postgres')!.databaseUrl!;
    const shim = await startSupabaseShim({ databaseUrl: url });
    const [{ name } = { name: '' }] = await shim.query<{ name: string }>('select current_database() as name');
    expect(name).toMatch(/^calsync_shim_[0-9a-f]{12}$/);
    await shim.close();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      expect((await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount).toBe(0);
    } finally {
      await admin.end();
    }
  });
});
