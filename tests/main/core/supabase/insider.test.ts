// A member of the workspace attacks the others (the insider): every attack is
// made by a second signed-in member of the SAME workspace — through the RPCs
// and through the tables directly — and must be refused, leaving the victim's
// rows as they were. A `viewer` reads and writes nothing. (rls.test.ts covers
// members of other workspaces.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSupabaseShim, shimBackends, type SupabaseShim } from '../../../fakes/supabase';
import { calendarKey, toSupabaseKey, toSupabaseRow } from '../../../../src/main/core/supabase/event-row';
import { WorkspaceRpc } from '../../../../src/main/core/supabase/workspace-rpc';
import type { SyncLogEntry } from '../../../../src/main/core/supabase/sync-log-entry';
import { cachedEvent, signedInMember, type Member } from './helpers';

const CAL = calendarKey('team@example.com');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const logEntry = (overrides: Partial<SyncLogEntry> = {}): SyncLogEntry => ({
  runId: '1',
  trigger: 'cli',
  kind: 'full',
  status: 'succeeded',
  inserted: 3,
  updated: 0,
  deleted: 0,
  skipped: 0,
  calendars: [],
  error: null,
  startedAt: '2026-03-30T09:00:00.000Z',
  endedAt: '2026-03-30T09:00:01.000Z',
  ...overrides,
});

for (const backend of shimBackends()) {
  describe.skipIf(!backend.available)(`a member against the other members (${backend.name})`, () => {
    let shim: SupabaseShim;
    let wsId: string;
    let victim: Member;
    let insider: Member;
    let viewer: Member;
    let a: WorkspaceRpc;
    /** The victim's rows, as the database owner sees them. */
    let snapshot: () => Promise<unknown>;

    beforeAll(async () => {
      shim = await startSupabaseShim({ databaseUrl: backend.databaseUrl });
      victim = await signedInMember(shim);
      insider = await signedInMember(shim);
      viewer = await signedInMember(shim);
      wsId = await shim.createWorkspace('shared', [victim.userId, insider.userId]);
      await shim.query(`insert into public.workspace_members (ws_id, user_id, role) values ($1, $2, 'viewer')`, [wsId, viewer.userId]);
      a = new WorkspaceRpc(victim.client, wsId, 'device-a');
      await a.upsertEvents([toSupabaseRow(cachedEvent({ id: 'e1', title: 'planning' }))]);
      await a.acquireLease(CAL, 600);
      await a.appendSyncLog(logEntry());
      snapshot = () =>
        Promise.all(
          ['workspace_calendar_events', 'calendar_sync_states', 'workspace_calendar_sync_log'].map((t) =>
            shim.query(`select to_jsonb(x) - 'logged_at' as row from public.${t} x where ws_id = $1 order by 1`, [wsId]),
          ),
        );
    });
    afterAll(async () => {
      await shim?.close();
    });

    it('cannot pin an event at version infinity (or far in the future): not by RPC, not by a direct write', async () => {
      const before = await snapshot();
      const pinned = { ...toSupabaseRow(cachedEvent({ id: 'e1', title: 'pinned' })), external_updated_at: 'infinity' };
      for (const version of ['infinity', '9999-12-31T00:00:00Z', new Date(Date.now() + 3 * 86_400_000).toISOString()]) {
        const up = await insider.client.rpc('calsync_upsert_events', { p_ws_id: wsId, p_device_id: 'device-m', p_rows: [{ ...pinned, external_updated_at: version }] });
        expect({ version, code: up.error?.code }).toEqual({ version, code: '23514' });
        const del = await insider.client.rpc('calsync_delete_events', { p_ws_id: wsId, p_device_id: 'device-m', p_keys: [{ ...toSupabaseKey(cachedEvent({ id: 'e1' })), external_updated_at: version }] });
        expect({ version, code: del.error?.code }).toEqual({ version, code: '23514' });
        const direct = await insider.client.from('workspace_calendar_events').update({ external_updated_at: version }).eq('ws_id', wsId).eq('external_event_id', 'e1');
        expect({ version, code: direct.error?.code }).toEqual({ version, code: '23514' });
      }
      const inserted = await insider.client.from('workspace_calendar_events').insert({ ws_id: wsId, external_calendar_id: 'team@example.com', external_event_id: 'e2', external_updated_at: '-infinity', pushed_by_device: 'device-m' });
      expect(inserted.error?.code).toBe('23514');
      expect(await snapshot()).toEqual(before);
      // The owner's device still updates its event with its next real version.
      const next = await a.upsertEvents([toSupabaseRow(cachedEvent({ id: 'e1', title: 'planning v2', updated: '2026-03-02T10:00:00.000Z' }))]);
      expect(next).toEqual({ inserted: 0, updated: 1, ignored: 0 });
    });

    it("cannot take or release another device's lease by naming its device id", async () => {
      const before = await snapshot();
      const impostor = new WorkspaceRpc(insider.client, wsId, 'device-a');
      expect(await impostor.acquireLease(CAL, 600)).toBe(false);
      expect(await impostor.releaseLease(CAL, { markSynced: true })).toBe(false);
      // Nor through the table: the victim's row is not the insider's to change or delete.
      const upd = await insider.client.from('calendar_sync_states').update({ lease_holder: 'device-m', lease_user: insider.userId }).eq('ws_id', wsId).select();
      expect(upd).toMatchObject({ error: null, data: [] });
      const freed = await insider.client.from('calendar_sync_states').update({ lease_holder: null, lease_user: null, lease_expires_at: null }).eq('ws_id', wsId).select();
      expect(freed).toMatchObject({ error: null, data: [] });
      const del = await insider.client.from('calendar_sync_states').delete().eq('ws_id', wsId).select();
      expect(del).toMatchObject({ error: null, data: [] });
      expect(await snapshot()).toEqual(before);
      // The holder itself still renews and releases.
      expect(await a.acquireLease(CAL, 600)).toBe(true);
    });

    it('cannot set a lease to the year 9999, even its own, with a direct write', async () => {
      const m = new WorkspaceRpc(insider.client, wsId, 'device-m');
      const own = calendarKey('insider@example.com');
      expect(await m.acquireLease(own, 60)).toBe(true);
      const upd = await insider.client.from('calendar_sync_states').update({ lease_expires_at: '9999-12-31T00:00:00Z' }).eq('ws_id', wsId).eq('calendar_key', own);
      expect(upd.error?.code).toBe('23514');
      const ins = await insider.client.from('calendar_sync_states').insert({ ws_id: wsId, calendar_key: 'google:new@example.com', lease_holder: 'device-m', lease_user: insider.userId, lease_expires_at: '9999-12-31T00:00:00Z' });
      expect(ins.error?.code).toBe('23514');
      // A day and a bit is past the RPC's own bound (86,400 s).
      const long = await insider.client.from('calendar_sync_states').update({ lease_expires_at: new Date(Date.now() + 86_400_000 + 3_600_000).toISOString() }).eq('ws_id', wsId).eq('calendar_key', own);
      expect(long.error?.code).toBe('23514');
      const [row] = await shim.query<{ ok: boolean }>(
        `select lease_expires_at <= now() + interval '61 seconds' as ok from public.calendar_sync_states where ws_id = $1 and calendar_key = $2`,
        [wsId, own],
      );
      expect(row?.ok).toBe(true);
      expect(await m.releaseLease(own)).toBe(true);
    });

    it("cannot rewrite another device's run-log rows", async () => {
      const before = await snapshot();
      const impostor = new WorkspaceRpc(insider.client, wsId, 'device-a');
      await impostor.appendSyncLog(logEntry({ status: 'failed', error: 'forged', inserted: 0 }));
      const upd = await insider.client.from('workspace_calendar_sync_log').update({ status: 'failed', error: 'forged' }).eq('ws_id', wsId).eq('user_id', victim.userId).select();
      expect(upd).toMatchObject({ error: null, data: [] });
      const ins = await insider.client.from('workspace_calendar_sync_log').insert({ ws_id: wsId, user_id: victim.userId, device_id: 'device-a', run_id: '2', trigger: 'cli', kind: 'full', status: 'failed', started_at: '2026-03-30T10:00:00Z' });
      expect(ins.error?.code).toBe('42501');
      const after = (await snapshot()) as unknown[][];
      // The victim's row is untouched; the impostor's call wrote a row of its own user.
      expect(after[0]).toEqual((before as unknown[][])[0]);
      const victims = await shim.query<{ status: string; error: string | null }>(
        `select status, error from public.workspace_calendar_sync_log where ws_id = $1 and user_id = $2`,
        [wsId, victim.userId],
      );
      expect(victims).toEqual([{ status: 'succeeded', error: null }]);
      const forged = await shim.query<{ user_id: string }>(`select user_id from public.workspace_calendar_sync_log where ws_id = $1 and error = 'forged'`, [wsId]);
      expect(forged).toEqual([{ user_id: insider.userId }]);
      // The victim's device still finishes its own run.
      await a.appendSyncLog(logEntry({ runId: '1', inserted: 4 }));
      expect(await shim.query(`select inserted from public.workspace_calendar_sync_log where ws_id = $1 and user_id = $2`, [wsId, victim.userId])).toEqual([{ inserted: 4 }]);
    });

    it('cannot hard-delete events: a delete is a tombstone through the RPC', async () => {
      const before = await snapshot();
      const del = await insider.client.from('workspace_calendar_events').delete().eq('ws_id', wsId);
      expect(del.error?.code).toBe('42501');
      expect(await snapshot()).toEqual(before);
    });

    it('takes over a lease of another user only after it expired', async () => {
      const m = new WorkspaceRpc(insider.client, wsId, 'device-m');
      const key = calendarKey('short@example.com');
      expect(await a.acquireLease(key, 1)).toBe(true);
      expect(await m.acquireLease(key, 60)).toBe(false);
      await sleep(1100);
      expect(await m.acquireLease(key, 60)).toBe(true);
      expect(await a.releaseLease(key)).toBe(false);
      const [row] = await shim.query<{ lease_holder: string; lease_user: string }>(
        `select lease_holder, lease_user from public.calendar_sync_states where ws_id = $1 and calendar_key = $2`,
        [wsId, key],
      );
      expect(row).toEqual({ lease_holder: 'device-m', lease_user: insider.userId });
    });

    it('a viewer reads the workspace and writes nothing', async () => {
      const before = await snapshot();
      for (const table of ['workspace_calendar_events', 'calendar_sync_states', 'workspace_calendar_sync_log']) {
        const read = await viewer.client.from(table).select('ws_id');
        expect(read.error).toBeNull();
        expect(read.data?.length).toBeGreaterThan(0);
      }
      const v = new WorkspaceRpc(viewer.client, wsId, 'device-v');
      const e = cachedEvent({ id: 'e1', title: 'by a viewer', updated: '2026-03-20T00:00:00.000Z' });
      const calls: Array<() => Promise<unknown>> = [
        () => v.upsertEvents([toSupabaseRow(e)]),
        () => v.deleteEvents([toSupabaseKey(e)]),
        () => v.acquireLease(calendarKey('viewer@example.com'), 60),
        () => v.releaseLease(CAL),
        () => v.appendSyncLog(logEntry({ runId: 'v1' })),
      ];
      for (const call of calls) {
        await expect(call()).rejects.toMatchObject({ code: 'auth-failed', message: expect.stringContaining('(viewer) may read but not write'), details: { status: 403, code: '42501' } });
      }
      const inserts = {
        workspace_calendar_events: { ws_id: wsId, external_calendar_id: 'c', external_event_id: 'v', external_updated_at: '2026-01-01T00:00:00Z', pushed_by_device: 'device-v' },
        calendar_sync_states: { ws_id: wsId, calendar_key: 'google:viewer' },
        workspace_calendar_sync_log: { ws_id: wsId, device_id: 'device-v', run_id: '9', trigger: 'cli', kind: 'full', status: 'running', started_at: '2026-01-01T00:00:00Z' },
      } as const;
      for (const [table, row] of Object.entries(inserts)) {
        expect({ table, code: (await viewer.client.from(table).insert(row)).error?.code }).toEqual({ table, code: '42501' });
        const upd = await viewer.client.from(table).update({ ws_id: wsId }).eq('ws_id', wsId).select();
        expect({ table, data: upd.data }).toEqual({ table, data: [] });
      }
      expect(await snapshot()).toEqual(before);
    });
  });
}
