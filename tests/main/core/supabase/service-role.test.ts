// A server-side job with the service key (supabase/README.md, "Server jobs"):
// it reads every workspace and does maintenance — purges old tombstones,
// prunes the run log, clears a stuck lease — and writes nothing else.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSupabaseShim, shimBackends, type SupabaseShim } from '../../../fakes/supabase';
import { calendarKey, toSupabaseKey, toSupabaseRow } from '../../../../src/main/core/supabase/event-row';
import { cachedEvent, workspaceWithMember } from './helpers';

const CAL = calendarKey('team@example.com');

for (const backend of shimBackends()) {
  describe.skipIf(!backend.available)(`service_role for server jobs (${backend.name})`, () => {
    let shim: SupabaseShim;
    let job: SupabaseClient;
    let a: Awaited<ReturnType<typeof workspaceWithMember>>;
    let b: Awaited<ReturnType<typeof workspaceWithMember>>;

    beforeAll(async () => {
      shim = await startSupabaseShim({ databaseUrl: backend.databaseUrl });
      job = createClient(shim.url, shim.serviceRoleKey, { auth: { persistSession: false, autoRefreshToken: false } });
      a = await workspaceWithMember(shim, 'device-a');
      b = await workspaceWithMember(shim, 'device-b');
      for (const m of [a, b]) {
        const live = cachedEvent({ id: 'live', title: `live in ${m.wsId}` });
        const gone = cachedEvent({ id: 'gone' });
        await m.rpc.upsertEvents([toSupabaseRow(live), toSupabaseRow(gone)]);
        await m.rpc.deleteEvents([toSupabaseKey(gone)]);
        await m.rpc.acquireLease(CAL, 3600);
        await m.rpc.appendSyncLog({ runId: '1', trigger: 'cli', kind: 'full', status: 'succeeded', inserted: 2, updated: 0, deleted: 1, skipped: 0, calendars: [], error: null, startedAt: '2026-03-30T09:00:00.000Z', endedAt: '2026-03-30T09:00:01.000Z' });
      }
    });
    afterAll(async () => {
      await shim?.close();
    });

    it('reads every workspace: events, states, run log, workspaces and memberships', async () => {
      for (const table of ['workspace_calendar_events', 'calendar_sync_states', 'workspace_calendar_sync_log', 'workspaces', 'workspace_members']) {
        const res = await job.from(table).select('*');
        expect({ table, error: res.error }).toEqual({ table, error: null });
        const ws = new Set((res.data as Array<{ ws_id?: string; id?: string }>).map((r) => r.ws_id ?? r.id));
        expect({ table, ws }).toEqual({ table, ws: new Set([a.wsId, b.wsId]) });
      }
    });

    it('purges tombstones, prunes the run log and clears a stuck lease', async () => {
      const purged = await job.from('workspace_calendar_events').delete().not('deleted_at', 'is', null).select('ws_id, external_event_id');
      expect(purged.error).toBeNull();
      expect(purged.data).toHaveLength(2);
      expect((await job.from('workspace_calendar_events').select('external_event_id')).data?.map((r) => r.external_event_id)).toEqual(['live', 'live']);

      const pruned = await job.from('workspace_calendar_sync_log').delete().lt('started_at', '2026-04-01T00:00:00Z').select('id');
      expect(pruned.error).toBeNull();
      expect(pruned.data).toHaveLength(2);

      const cleared = await job.from('calendar_sync_states').update({ lease_holder: null, lease_user: null, lease_expires_at: null }).eq('ws_id', a.wsId).select('lease_holder');
      expect(cleared).toMatchObject({ error: null, data: [{ lease_holder: null }] });
      // The cleared calendar is free for any member's device now.
      expect(await a.rpc.acquireLease(CAL, 60)).toBe(true);
      expect(await shim.query(`select ws_id from public.calendar_sync_states where lease_holder is not null order by 1`)).toHaveLength(2);
    });

    it('writes nothing else: no event inserts, no content or version changes, no push RPCs', async () => {
      const before = await shim.query(`select to_jsonb(x) as row from public.workspace_calendar_events x order by 1`);
      const ins = await job.from('workspace_calendar_events').insert({ ws_id: a.wsId, external_calendar_id: 'c', external_event_id: 'x', external_updated_at: '2026-01-01T00:00:00Z', pushed_by_device: 'job' });
      expect(ins.error?.code).toBe('42501');
      const upd = await job.from('workspace_calendar_events').update({ title: 'rewritten by a job' }).eq('ws_id', a.wsId);
      expect(upd.error?.code).toBe('42501');
      const rpc = await job.rpc('calsync_upsert_events', { p_ws_id: a.wsId, p_device_id: 'job', p_rows: [] });
      expect(rpc.error?.code).toBe('42501');
      const states = await job.from('calendar_sync_states').update({ last_synced_by: 'job' }).eq('ws_id', a.wsId);
      expect(states.error?.code).toBe('42501');
      expect(await shim.query(`select to_jsonb(x) as row from public.workspace_calendar_events x order by 1`)).toEqual(before);
    });
  });
}
