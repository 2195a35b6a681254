// The cross-device push lease and the run log, through supabase-js.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSupabaseShim, shimBackends, type SupabaseShim } from '../../../fakes/supabase';
import { calendarKey } from '../../../../src/main/core/supabase/event-row';
import { syncLogEntryFromRun } from '../../../../src/main/core/supabase/sync-log-entry';
import { WorkspaceRpc } from '../../../../src/main/core/supabase/workspace-rpc';
import type { SyncRun } from '../../../../src/shared/domain';
import { signedInMember, workspaceWithMember } from './helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const CAL = calendarKey('team@example.com');

function run(overrides: Partial<SyncRun> = {}): SyncRun {
  return {
    id: 42,
    trigger: 'cron',
    kind: 'incremental',
    status: 'running',
    startedAt: '2026-03-30T09:00:00.000Z',
    endedAt: null,
    error: null,
    apiCalls: 3,
    retries: 0,
    pages: 2,
    calendars: [
      { accountId: 'acct-1', calendarId: 'a@example.com', kind: 'incremental', status: 'succeeded', inserted: 2, updated: 1, deleted: 0, skipped: 0, pages: 1, error: null },
      { accountId: 'acct-1', calendarId: 'b@example.com', kind: 'incremental', status: 'succeeded', inserted: 1, updated: 0, deleted: 3, skipped: 1, pages: 1, error: null },
    ],
    ...overrides,
  };
}

for (const backend of shimBackends()) {
  describe.skipIf(!backend.available)(`lease and run log (${backend.name})`, () => {
    let shim: SupabaseShim;
    beforeAll(async () => {
      shim = await startSupabaseShim({ databaseUrl: backend.databaseUrl });
    });
    afterAll(async () => {
      await shim?.close();
    });

    it('lets one device at a time hold a calendar lease; the holder renews it', async () => {
      const { wsId, rpc: a, client } = await workspaceWithMember(shim, 'device-a');
      const b = new WorkspaceRpc(client, wsId, 'device-b');
      expect(await a.acquireLease(CAL, 60)).toBe(true);
      const [first] = await shim.query<{ lease_expires_at: Date }>(`select lease_expires_at from public.calendar_sync_states where ws_id = $1`, [wsId]);
      expect(await b.acquireLease(CAL, 60)).toBe(false);
      await sleep(20);
      expect(await a.acquireLease(CAL, 120)).toBe(true);
      const [renewed] = await shim.query<{ lease_holder: string; lease_expires_at: Date }>(
        `select lease_holder, lease_expires_at from public.calendar_sync_states where ws_id = $1`,
        [wsId],
      );
      expect(renewed?.lease_holder).toBe('device-a');
      expect(renewed!.lease_expires_at.getTime()).toBeGreaterThan(first!.lease_expires_at.getTime() + 50_000);
      // Another calendar is another lease.
      expect(await b.acquireLease(calendarKey('other@example.com'), 60)).toBe(true);
    });

    it('grants a contested lease to exactly one of many devices racing for it', async () => {
      const { wsId, client } = await workspaceWithMember(shim, 'device-0');
      const racers = Array.from({ length: 8 }, (_, i) => new WorkspaceRpc(client, wsId, `device-${i}`));
      const won = await Promise.all(racers.map((r) => r.acquireLease(CAL, 60)));
      expect(won.filter(Boolean)).toHaveLength(1);
      const [row] = await shim.query<{ lease_holder: string }>(`select lease_holder from public.calendar_sync_states where ws_id = $1`, [wsId]);
      expect(row?.lease_holder).toBe(`device-${won.indexOf(true)}`);
    });

    it('hands an expired lease over (expiry measured by the database clock)', async () => {
      const { wsId, rpc: a, client } = await workspaceWithMember(shim, 'device-a');
      const b = new WorkspaceRpc(client, wsId, 'device-b');
      expect(await a.acquireLease(CAL, 1)).toBe(true);
      expect(await b.acquireLease(CAL, 60)).toBe(false);
      await sleep(1100);
      expect(await b.acquireLease(CAL, 60)).toBe(true);
      expect(await a.acquireLease(CAL, 60)).toBe(false);
      // The old holder can no longer release what it lost.
      expect(await a.releaseLease(CAL)).toBe(false);
      const [row] = await shim.query<{ lease_holder: string }>(`select lease_holder from public.calendar_sync_states where ws_id = $1`, [wsId]);
      expect(row?.lease_holder).toBe('device-b');
    });

    it('releases the lease, recording the sync time when asked', async () => {
      const { wsId, rpc: a, client } = await workspaceWithMember(shim, 'device-a');
      const b = new WorkspaceRpc(client, wsId, 'device-b');
      await a.acquireLease(CAL, 60);
      expect(await a.releaseLease(CAL, { markSynced: true })).toBe(true);
      const [row] = await shim.query<{ lease_holder: string | null; last_synced_by: string; synced: boolean }>(
        `select lease_holder, last_synced_by, last_synced_at > now() - interval '1 minute' as synced
           from public.calendar_sync_states where ws_id = $1`,
        [wsId],
      );
      expect(row).toEqual({ lease_holder: null, last_synced_by: 'device-a', synced: true });
      expect(await b.acquireLease(CAL, 60)).toBe(true);
    });

    it('refuses a nonsensical ttl', async () => {
      const { client, wsId } = await workspaceWithMember(shim);
      const raw = await client.rpc('calsync_acquire_lease', { p_ws_id: wsId, p_calendar_key: CAL, p_device_id: 'd', p_ttl_seconds: 0 });
      expect(raw.error?.code).toBe('22023');
      expect(raw.status).toBe(400);
    });

    it('appends one log row per run and device; a re-sent or finished run updates it', async () => {
      const { wsId, rpc: a, client } = await workspaceWithMember(shim, 'device-a');
      const b = new WorkspaceRpc(client, wsId, 'device-b');
      await a.appendSyncLog(syncLogEntryFromRun(run()));
      await a.appendSyncLog(syncLogEntryFromRun(run()));
      await b.appendSyncLog(syncLogEntryFromRun(run()));
      const done = run({ status: 'succeeded', endedAt: '2026-03-30T09:00:05.000Z' });
      await a.appendSyncLog(syncLogEntryFromRun(done));
      // A late copy of the "running" entry must not undo the finished one.
      await a.appendSyncLog(syncLogEntryFromRun(run()));
      const rows = await shim.query<Record<string, unknown>>(
        `select device_id, run_id, trigger, kind, status, inserted, updated, deleted, skipped, error,
                jsonb_array_length(calendars) as calendars, to_json(ended_at) #>> '{}' as ended_at
           from public.workspace_calendar_sync_log where ws_id = $1 order by device_id`,
        [wsId],
      );
      expect(rows).toEqual([
        { device_id: 'device-a', run_id: '42', trigger: 'cron', kind: 'incremental', status: 'succeeded', inserted: 3, updated: 1, deleted: 3, skipped: 1, error: null, calendars: 2, ended_at: '2026-03-30T09:00:05+00:00' },
        { device_id: 'device-b', run_id: '42', trigger: 'cron', kind: 'incremental', status: 'running', inserted: 3, updated: 1, deleted: 3, skipped: 1, error: null, calendars: 2, ended_at: null },
      ]);
    });

    it('maps a failed call to an AppError with a reason people can act on', async () => {
      const { wsId } = await workspaceWithMember(shim);
      const outsider = await signedInMember(shim);
      const rpc = new WorkspaceRpc(outsider.client, wsId, 'device-x');
      await expect(rpc.acquireLease(CAL, 60)).rejects.toMatchObject({
        code: 'auth-failed',
        message: expect.stringContaining('member of the workspace'),
        details: { status: 403, code: '42501', retryable: false },
      });
    });
  });
}
