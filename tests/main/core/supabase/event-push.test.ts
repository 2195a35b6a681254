// The batched upsert and delete RPCs through supabase-js and the real wrapper,
// on every available Postgres backend.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSupabaseShim, shimBackends, type SupabaseShim } from '../../../fakes/supabase';
import { toSupabaseKey, toSupabaseRow } from '../../../../src/main/core/supabase/event-row';
import { WorkspaceRpc } from '../../../../src/main/core/supabase/workspace-rpc';
import { isRetryableSupabaseError } from '../../../../src/main/core/supabase/errors';
import { cachedEvent, eventRows, iso, workspaceWithMember } from './helpers';

const T1 = '2026-03-01T10:00:00.000Z';
const T2 = '2026-03-02T10:00:00.000Z';
const T3 = '2026-03-03T10:00:00.000Z';

for (const backend of shimBackends()) {
  describe.skipIf(!backend.available)(`event push RPCs (${backend.name})`, () => {
    let shim: SupabaseShim;
    beforeAll(async () => {
      shim = await startSupabaseShim({ databaseUrl: backend.databaseUrl });
    });
    afterAll(async () => {
      await shim?.close();
    });

    it('inserts a batch, and re-sending the same batch changes nothing', async () => {
      const { wsId, rpc } = await workspaceWithMember(shim);
      const rows = Array.from({ length: 1200 }, (_, i) => toSupabaseRow(cachedEvent({ id: `e${String(i).padStart(4, '0')}` })));
      expect(await rpc.upsertEvents(rows)).toEqual({ inserted: 1200, updated: 0, ignored: 0 });
      const before = await shim.query<{ last_synced_at: Date }>(
        `select last_synced_at from public.workspace_calendar_events where ws_id = $1 order by external_event_id`,
        [wsId],
      );
      expect(await rpc.upsertEvents(rows)).toEqual({ inserted: 0, updated: 0, ignored: 1200 });
      const after = await shim.query<{ last_synced_at: Date }>(
        `select last_synced_at from public.workspace_calendar_events where ws_id = $1 order by external_event_id`,
        [wsId],
      );
      expect(after).toEqual(before);
      expect((await eventRows(shim, wsId)).length).toBe(1200);
    });

    it('stores every field of the row', async () => {
      const { wsId, rpc } = await workspaceWithMember(shim);
      const allDay = cachedEvent({ id: 'allday', allDay: true, start: null, end: null, startDate: '2026-03-29', endDate: '2026-03-30', timeZone: null });
      const task = cachedEvent({ id: 'task', title: 'Write report', calsync: { taskId: 'task-7', proposalId: 'p-1' }, transparency: 'transparent', iCalUID: 'uid@google.com' });
      await rpc.upsertEvents([toSupabaseRow(allDay, { color: '#ff0000' }), toSupabaseRow(task)]);
      const rows = await shim.query<Record<string, unknown>>(
        `select external_event_id, all_day, start_date, end_date, start_at, color, scheduling_source, task_id, transparency, ical_uid, provider, pushed_by_device
           from public.workspace_calendar_events where ws_id = $1 order by external_event_id`,
        [wsId],
      );
      expect(rows[0]).toMatchObject({ external_event_id: 'allday', all_day: true, start_date: '2026-03-29', end_date: '2026-03-30', start_at: null, color: '#ff0000', scheduling_source: 'manual', task_id: null, provider: 'google', pushed_by_device: 'device-a' });
      expect(rows[1]).toMatchObject({ external_event_id: 'task', all_day: false, scheduling_source: 'task', task_id: 'task-7', transparency: 'transparent', ical_uid: 'uid@google.com' });
      expect((rows[1]?.start_at as Date).toISOString()).toBe('2026-03-30T09:00:00.000Z');
    });

    it('never lets an older version overwrite a newer one; a newer one wins', async () => {
      const { wsId, rpc, client } = await workspaceWithMember(shim);
      const other = new WorkspaceRpc(client, wsId, 'device-b');
      const e = cachedEvent({ id: 'x', title: 'v2', updated: T2 });
      await rpc.upsertEvents([toSupabaseRow(e)]);
      expect(await other.upsertEvents([toSupabaseRow({ ...e, title: 'v1', updated: T1 })])).toEqual({ inserted: 0, updated: 0, ignored: 1 });
      expect((await eventRows(shim, wsId))[0]).toMatchObject({ title: 'v2', pushed_by_device: 'device-a' });
      expect(await other.upsertEvents([toSupabaseRow({ ...e, title: 'v3', updated: T3 })])).toEqual({ inserted: 0, updated: 1, ignored: 0 });
      const [row] = await eventRows(shim, wsId);
      expect(row).toMatchObject({ title: 'v3', pushed_by_device: 'device-b' });
      expect(iso(row!.external_updated_at)).toBe(T3);
    });

    it('ends with the newest versions when two devices push overlapping batches at once', async () => {
      const { wsId, rpc, client } = await workspaceWithMember(shim);
      const other = new WorkspaceRpc(client, wsId, 'device-b');
      const ids = Array.from({ length: 300 }, (_, i) => `c${String(i).padStart(3, '0')}`);
      // device-a holds the newer version of even events, device-b of odd ones.
      const version = (i: number, device: 'a' | 'b') => ((i % 2 === 0) === (device === 'a') ? T2 : T1);
      const batch = (device: 'a' | 'b') => ids.map((id, i) => toSupabaseRow(cachedEvent({ id, title: `${device}@${version(i, device)}`, updated: version(i, device) })));
      await Promise.all([
        ...[0, 100, 200].map((from) => rpc.upsertEvents(batch('a').slice(from, from + 100))),
        ...[200, 100, 0].map((from) => other.upsertEvents(batch('b').slice(from, from + 100))),
      ]);
      const rows = await eventRows(shim, wsId);
      expect(rows.map((r) => r.title)).toEqual(ids.map((_, i) => (i % 2 === 0 ? `a@${T2}` : `b@${T2}`)));
    });

    it('keeps the newest copy when one batch holds a key twice', async () => {
      const { wsId, rpc } = await workspaceWithMember(shim);
      const e = cachedEvent({ id: 'dup' });
      const counts = await rpc.upsertEvents([
        toSupabaseRow({ ...e, title: 'new', updated: T2 }),
        toSupabaseRow({ ...e, title: 'old', updated: T1 }),
      ]);
      expect(counts).toEqual({ inserted: 1, updated: 0, ignored: 1 });
      expect((await eventRows(shim, wsId))[0]?.title).toBe('new');
    });

    it('deletes by key as tombstones, idempotently', async () => {
      const { wsId, rpc, client } = await workspaceWithMember(shim);
      const a = cachedEvent({ id: 'a', updated: T1 });
      const b = cachedEvent({ id: 'b', updated: T1 });
      await rpc.upsertEvents([toSupabaseRow(a), toSupabaseRow(b)]);
      expect(await rpc.deleteEvents([toSupabaseKey({ ...a, updated: T2 })])).toEqual({ deleted: 1, tombstoned: 0, ignored: 0 });
      expect(await rpc.deleteEvents([toSupabaseKey({ ...a, updated: T2 })])).toEqual({ deleted: 0, tombstoned: 0, ignored: 1 });
      const rows = await eventRows(shim, wsId);
      expect(rows.map((r) => [r.external_event_id, r.deleted_at !== null])).toEqual([['a', true], ['b', false]]);
      // Readers see live rows only.
      const { data } = await client.from('workspace_calendar_events').select('external_event_id').eq('ws_id', wsId).is('deleted_at', null);
      expect(data).toEqual([{ external_event_id: 'b' }]);
    });

    it('does not let a delete from an older view remove a newer version', async () => {
      const { wsId, rpc, client } = await workspaceWithMember(shim);
      const lagging = new WorkspaceRpc(client, wsId, 'device-b');
      const e = cachedEvent({ id: 'e', title: 'moved', updated: T3 });
      await rpc.upsertEvents([toSupabaseRow(e)]);
      // device-b last saw version T1 and deletes that.
      expect(await lagging.deleteEvents([toSupabaseKey({ ...e, updated: T1 })])).toEqual({ deleted: 0, tombstoned: 0, ignored: 1 });
      expect((await eventRows(shim, wsId))[0]).toMatchObject({ title: 'moved', deleted_at: null });
    });

    it('does not let an older upsert revive a deleted event, but a newer one does', async () => {
      const { wsId, rpc } = await workspaceWithMember(shim);
      const e = cachedEvent({ id: 'gone', updated: T1 });
      // The delete arrives first, for a key the workspace never had: a tombstone.
      expect(await rpc.deleteEvents([toSupabaseKey({ ...e, updated: T2 })])).toEqual({ deleted: 0, tombstoned: 1, ignored: 0 });
      expect(await rpc.upsertEvents([toSupabaseRow(e)])).toEqual({ inserted: 0, updated: 0, ignored: 1 });
      expect(await rpc.upsertEvents([toSupabaseRow({ ...e, updated: T2 })])).toEqual({ inserted: 0, updated: 0, ignored: 1 });
      expect((await eventRows(shim, wsId))[0]?.deleted_at).not.toBeNull();
      expect(await rpc.upsertEvents([toSupabaseRow({ ...e, title: 'restored', updated: T3 })])).toEqual({ inserted: 0, updated: 1, ignored: 0 });
      expect((await eventRows(shim, wsId))[0]).toMatchObject({ title: 'restored', deleted_at: null });
    });

    // Two kinds of delete (migration 20260301000500): "gone" (deleted at Google)
    // holds against an equal version; "withdrawn" (this device stopped syncing
    // the calendar) is revived by one, and hides only rows this device pushed last.
    const withdraw = (e: ReturnType<typeof cachedEvent>) => ({ ...toSupabaseKey(e), withdrawn: true });
    const live = async (wsId: string) => (await eventRows(shim, wsId)).filter((r) => r.deleted_at === null).map((r) => r.external_event_id);

    it('revives a withdrawn tombstone with an upsert of the same version; a gone tombstone only with a newer one', async () => {
      const { wsId, rpc } = await workspaceWithMember(shim);
      const w = cachedEvent({ id: 'withdrawn', updated: T2 });
      const g = cachedEvent({ id: 'gone', updated: T2 });
      await rpc.upsertEvents([toSupabaseRow(w), toSupabaseRow(g)]);
      expect(await rpc.deleteEvents([withdraw(w), toSupabaseKey(g)])).toEqual({ deleted: 2, tombstoned: 0, ignored: 0 });
      expect(await live(wsId)).toEqual([]);
      // Re-sending either delete changes nothing.
      expect(await rpc.deleteEvents([withdraw(w), toSupabaseKey(g)])).toEqual({ deleted: 0, tombstoned: 0, ignored: 2 });
      // The calendar is synced again: the same versions are re-sent.
      expect(await rpc.upsertEvents([toSupabaseRow(w), toSupabaseRow(g)])).toEqual({ inserted: 0, updated: 1, ignored: 1 });
      expect(await live(wsId)).toEqual(['withdrawn']);
      expect(await rpc.upsertEvents([toSupabaseRow(w)])).toEqual({ inserted: 0, updated: 0, ignored: 1 }); // live again: a no-op
      expect(await rpc.upsertEvents([toSupabaseRow({ ...g, updated: T3 })])).toEqual({ inserted: 0, updated: 1, ignored: 0 });
      expect(await live(wsId)).toEqual(['gone', 'withdrawn']);
    });

    it('a withdrawn delete never tombstones a key with no row, another device\'s row, a newer version, or a gone tombstone', async () => {
      const { wsId, rpc, client } = await workspaceWithMember(shim);
      const b = new WorkspaceRpc(client, wsId, 'device-b');
      const mine = cachedEvent({ id: 'mine', updated: T2 });
      const theirs = cachedEvent({ id: 'theirs', updated: T2 });
      const newer = cachedEvent({ id: 'newer', updated: T2 });
      const gone = cachedEvent({ id: 'gone', updated: T2 });
      await rpc.upsertEvents([toSupabaseRow(mine), toSupabaseRow(theirs), toSupabaseRow({ ...newer, updated: T3 }), toSupabaseRow(gone)]);
      // Device B pushes `theirs` last (an edit at the same version counts as B's write).
      await b.upsertEvents([toSupabaseRow({ ...theirs, title: 'edited by b' })]);
      await b.deleteEvents([toSupabaseKey(gone)]);
      const unknown = cachedEvent({ id: 'unknown', updated: T2 });
      expect(await rpc.deleteEvents([withdraw(mine), withdraw(theirs), withdraw(newer), withdraw(gone), withdraw(unknown)])).toEqual({ deleted: 1, tombstoned: 0, ignored: 4 });
      expect(await live(wsId)).toEqual(['newer', 'theirs']);
      expect((await eventRows(shim, wsId)).map((r) => r.external_event_id)).not.toContain('unknown');
      // The gone tombstone is still one: an equal version does not revive it.
      expect(await rpc.upsertEvents([toSupabaseRow(gone)])).toEqual({ inserted: 0, updated: 0, ignored: 1 });
      expect(await live(wsId)).toEqual(['newer', 'theirs']);
    });

    it('a gone delete turns a withdrawn tombstone of the same version into a gone one', async () => {
      const { wsId, rpc, client } = await workspaceWithMember(shim);
      const b = new WorkspaceRpc(client, wsId, 'device-b');
      const e = cachedEvent({ id: 'x', updated: T2 });
      await rpc.upsertEvents([toSupabaseRow(e)]);
      await rpc.deleteEvents([withdraw(e)]);
      await b.deleteEvents([toSupabaseKey(e)]); // B saw it deleted at Google
      expect(await rpc.upsertEvents([toSupabaseRow(e)])).toEqual({ inserted: 0, updated: 0, ignored: 1 });
      expect(await live(wsId)).toEqual([]);
      const [row] = await shim.query<{ withdrawn: boolean }>('select withdrawn from public.workspace_calendar_events where ws_id = $1', [wsId]);
      expect(row?.withdrawn).toBe(false);
    });

    it('sends nothing for an empty batch and splits a huge one', async () => {
      const { wsId, rpc } = await workspaceWithMember(shim);
      expect(await rpc.upsertEvents([])).toEqual({ inserted: 0, updated: 0, ignored: 0 });
      expect(await rpc.deleteEvents([])).toEqual({ deleted: 0, tombstoned: 0, ignored: 0 });
      const rows = Array.from({ length: 5001 }, (_, i) => toSupabaseRow(cachedEvent({ id: `big-${i}` })));
      expect(await rpc.upsertEvents(rows)).toEqual({ inserted: 5001, updated: 0, ignored: 0 });
      expect((await eventRows(shim, wsId)).length).toBe(5001);
    });

    it('reports an outage as a retryable supabase-error, and the same batch goes through afterwards', async () => {
      const { wsId, rpc } = await workspaceWithMember(shim);
      const rows = [toSupabaseRow(cachedEvent({ id: 'during-outage' }))];
      await shim.stop();
      let failure: unknown;
      try {
        await rpc.upsertEvents(rows);
      } catch (e) {
        failure = e;
      } finally {
        await shim.start();
      }
      expect(failure).toMatchObject({ code: 'supabase-error', message: expect.stringContaining('unreachable'), details: { status: 0, retryable: true } });
      expect(isRetryableSupabaseError(failure)).toBe(true);
      expect(await rpc.upsertEvents(rows)).toEqual({ inserted: 1, updated: 0, ignored: 0 });
      expect((await eventRows(shim, wsId)).map((r) => r.external_event_id)).toEqual(['during-outage']);
    });

    it('rejects a malformed row with a supabase-error and writes nothing of the batch', async () => {
      const { wsId, rpc } = await workspaceWithMember(shim);
      const good = toSupabaseRow(cachedEvent({ id: 'good' }));
      const bad = { ...toSupabaseRow(cachedEvent({ id: 'bad' })), status: 'nonsense' as never };
      const failure = await rpc.upsertEvents([good, bad]).catch((e: unknown) => e);
      expect(failure).toMatchObject({ code: 'supabase-error', details: { status: 400, code: '23514', retryable: false } });
      expect(isRetryableSupabaseError(failure)).toBe(false);
      expect(await eventRows(shim, wsId)).toEqual([]);
    });
  });
}
