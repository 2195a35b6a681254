// Row-level security through the API: a member of workspace A can neither
// read nor write workspace B — through the tables or the RPCs — and the anon
// key alone reaches nothing.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSupabaseShim, shimBackends, type SupabaseShim } from '../../../fakes/supabase';
import { calendarKey, toSupabaseKey, toSupabaseRow } from '../../../../src/main/core/supabase/event-row';
import { WorkspaceRpc } from '../../../../src/main/core/supabase/workspace-rpc';
import { cachedEvent, workspaceWithMember } from './helpers';

const TABLES = ['workspace_calendar_events', 'calendar_sync_states', 'workspace_calendar_sync_log'] as const;
const CAL = calendarKey('team@example.com');

for (const backend of shimBackends()) {
  describe.skipIf(!backend.available)(`row-level security (${backend.name})`, () => {
    let shim: SupabaseShim;
    let a: Awaited<ReturnType<typeof workspaceWithMember>>;
    let b: Awaited<ReturnType<typeof workspaceWithMember>>;
    let snapshotB: () => Promise<unknown>;

    beforeAll(async () => {
      shim = await startSupabaseShim({ databaseUrl: backend.databaseUrl });
      a = await workspaceWithMember(shim, 'device-a');
      b = await workspaceWithMember(shim, 'device-b');
      for (const m of [a, b]) {
        await m.rpc.upsertEvents([toSupabaseRow(cachedEvent({ id: 'e1', title: `secret of ${m.wsId}` }))]);
        await m.rpc.acquireLease(CAL, 600);
        await m.rpc.appendSyncLog({ runId: '1', trigger: 'cli', kind: 'full', status: 'succeeded', inserted: 1, updated: 0, deleted: 0, skipped: 0, calendars: [], error: null, startedAt: '2026-03-30T09:00:00.000Z', endedAt: '2026-03-30T09:00:01.000Z' });
      }
      snapshotB = () =>
        Promise.all(TABLES.map((t) => shim.query(`select to_jsonb(x) as row from public.${t} x where ws_id = $1 order by 1`, [b.wsId])));
    });
    afterAll(async () => {
      await shim?.close();
    });

    it('shows a member only their own workspace', async () => {
      for (const table of TABLES) {
        const own = await a.client.from(table).select('*');
        expect(own.error).toBeNull();
        expect(own.data?.length).toBeGreaterThan(0);
        expect(new Set(own.data?.map((r: { ws_id: string }) => r.ws_id))).toEqual(new Set([a.wsId]));
        const other = await a.client.from(table).select('*').eq('ws_id', b.wsId);
        expect(other).toMatchObject({ error: null, data: [] });
      }
      expect((await a.client.from('workspaces').select('id')).data).toEqual([{ id: a.wsId }]);
      expect((await a.client.from('workspace_members').select('ws_id, user_id')).data).toEqual([{ ws_id: a.wsId, user_id: a.userId }]);
    });

    it('refuses inserts into another workspace', async () => {
      const before = await snapshotB();
      const attempts = {
        workspace_calendar_events: { ws_id: b.wsId, external_calendar_id: 'c', external_event_id: 'x', external_updated_at: '2026-01-01T00:00:00Z', pushed_by_device: 'device-a' },
        calendar_sync_states: { ws_id: b.wsId, calendar_key: 'google:x' },
        workspace_calendar_sync_log: { ws_id: b.wsId, device_id: 'device-a', run_id: '9', trigger: 'cli', kind: 'full', status: 'running', started_at: '2026-01-01T00:00:00Z' },
      };
      for (const table of TABLES) {
        const res = await a.client.from(table).insert(attempts[table]);
        expect(res.status).toBe(403);
        expect(res.error?.code).toBe('42501');
      }
      const joined = await a.client.from('workspace_members').insert({ ws_id: b.wsId, user_id: a.userId });
      expect(joined.error?.code).toBe('42501');
      expect(await snapshotB()).toEqual(before);
    });

    it('refuses updates and deletes of another workspace, and moving a row into it', async () => {
      const before = await snapshotB();
      for (const table of TABLES) {
        const upd = await a.client.from(table).update(pick(table)).eq('ws_id', b.wsId).select();
        expect(upd.error).toBeNull();
        expect(upd.data).toEqual([]);
        const del = await a.client.from(table).delete().eq('ws_id', b.wsId).select();
        // Events and the log grant members no delete at all (an event's delete is a tombstone through the RPC); states filter B's rows out.
        if (table !== 'calendar_sync_states') expect(del.error?.code).toBe('42501');
        else expect(del.data).toEqual([]);
      }
      const moved = await a.client.from('workspace_calendar_events').update({ ws_id: b.wsId }).eq('ws_id', a.wsId);
      expect(moved.error?.code).toBe('42501');
      expect(await snapshotB()).toEqual(before);
    });

    it('refuses every RPC on another workspace', async () => {
      const before = await snapshotB();
      const intruder = new WorkspaceRpc(a.client, b.wsId, 'device-b');
      const e = cachedEvent({ id: 'e1', title: 'overwritten', updated: '2030-01-01T00:00:00.000Z' });
      const calls: Array<() => Promise<unknown>> = [
        () => intruder.upsertEvents([toSupabaseRow(e)]),
        () => intruder.deleteEvents([toSupabaseKey(e)]),
        () => intruder.acquireLease(CAL, 60),
        () => intruder.releaseLease(CAL),
        () => intruder.appendSyncLog({ runId: '1', trigger: 'cli', kind: 'full', status: 'failed', inserted: 0, updated: 0, deleted: 0, skipped: 0, calendars: [], error: 'x', startedAt: '2026-03-30T09:00:00.000Z', endedAt: null }),
      ];
      for (const call of calls) {
        await expect(call()).rejects.toMatchObject({ code: 'auth-failed', details: { status: 403, code: '42501' } });
      }
      expect(await snapshotB()).toEqual(before);
    });

    it('gives the anon key alone nothing: no rows, no RPCs', async () => {
      const anon: SupabaseClient = createClient(shim.url, shim.anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
      for (const table of [...TABLES, 'workspaces', 'workspace_members']) {
        const res = await anon.from(table).select('*');
        expect(res.status).toBe(401);
        expect(res.error?.code).toBe('42501');
        expect(res.data).toBeNull();
      }
      for (const [fn, args] of [
        ['calsync_upsert_events', { p_ws_id: b.wsId, p_device_id: 'd', p_rows: [] }],
        ['calsync_delete_events', { p_ws_id: b.wsId, p_device_id: 'd', p_keys: [] }],
        ['calsync_acquire_lease', { p_ws_id: b.wsId, p_calendar_key: CAL, p_device_id: 'd', p_ttl_seconds: 60 }],
        ['calsync_release_lease', { p_ws_id: b.wsId, p_calendar_key: CAL, p_device_id: 'device-b' }],
        ['calsync_append_sync_log', { p_ws_id: b.wsId, p_device_id: 'd', p_run: {} }],
      ] as const) {
        const res = await anon.rpc(fn, args);
        expect(res.status).toBe(401);
        expect(res.error?.code).toBe('42501');
      }
    });
  });
}

function pick(table: (typeof TABLES)[number]): Record<string, string> {
  if (table === 'workspace_calendar_events') return { title: 'pwned' };
  if (table === 'calendar_sync_states') return { lease_holder: 'device-a' };
  return { status: 'failed' };
}
