// Two devices on one workspace, and one of them stops syncing a calendar the
// other still syncs: its "withdrawn" deletes hide the rows it pushed last —
// rows the other device has too and had already pushed (an equal re-send
// changes nothing, so they stayed the first device's). The other device sees
// the calendar's withdrawal mark change at its next push and re-sends what it
// has, so the workspace equals its cache again. The real engine against the
// fake Google and the Supabase shim (PGlite, and the system PostgreSQL when
// TEST_DATABASE_URL is set).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalsyncApp } from '../../src/main/core/app';
import { shimBackends, type SupabaseShim } from '../fakes/supabase';
import { devices } from '../helpers/devices';
import { seedAccount, type Seeded } from '../helpers/seed';
import { startWorld, type World } from '../helpers/world';
import {
  cacheWorkspaceView,
  connectApp,
  newWorkspace,
  startShim,
  workspaceKeyCounts,
  workspaceView,
  type Workspace,
} from '../helpers/workspace';

for (const backend of shimBackends()) {
  describe.skipIf(!backend.available)(`two devices, one withdraws a calendar (${backend.name})`, () => {
    let shim: SupabaseShim;
    let world: World;
    let ws: Workspace;
    let seeded: Seeded;
    let a: CalsyncApp;
    let b: CalsyncApp;
    const deviceDirs = devices();
    const deviceId = (app: CalsyncApp) => app.store.kv.get('supabase.device-id')!;

    beforeAll(async () => {
      shim = await startShim(backend);
      ws = await newWorkspace(shim);
      world = await startWorld({ tuning: { pageSize: 9, pushBatchSize: 7 } });
      seeded = seedAccount(world.google, world.user.email, { perCalendar: 20 });
      a = deviceDirs.open(world.env);
      b = deviceDirs.open(world.env);
      for (const app of [a, b]) {
        await world.login(app);
        await connectApp(app, ws);
      }
    });
    afterAll(async () => {
      for (const app of [a, b]) await app?.close();
      await world?.close();
      await shim?.close();
      deviceDirs.cleanup();
    });

    const pushedBy = async (calendarId: string) =>
      (
        await shim.query<{ pushed_by_device: string; n: string }>(
          `select pushed_by_device, count(*)::text as n from public.workspace_calendar_events
            where ws_id = $1 and external_calendar_id = $2 and deleted_at is null group by pushed_by_device`,
          [ws.wsId, calendarId],
        )
      ).reduce<Record<string, number>>((m, r) => ({ ...m, [r.pushed_by_device]: Number(r.n) }), {});
    const expectWorkspaceEqualsCacheOf = async (app: CalsyncApp) => {
      expect(await workspaceView(ws)).toEqual(cacheWorkspaceView(app.store.events.list()));
      const counts = await workspaceKeyCounts(ws);
      expect(counts.keys).toBe(counts.rows);
    };

    it('when device A disables a calendar device B still syncs, B re-sends it at its next push and the workspace equals B’s cache', async () => {
      const [, team] = seeded.calendars as [string, string, string];
      // A pushes first; B's equal re-send changes nothing, so every row is A's.
      expect((await a.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
      expect((await b.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
      const teamEvents = world.google.liveEvents(team).length;
      expect(await pushedBy(team)).toEqual({ [deviceId(a)]: teamEvents });
      // One event changes and only B syncs it: that row is B's.
      const edited = world.google.liveEvents(team).find((e) => !e.recurringEventId)!.id!;
      world.google.patchEvent(team, edited, { summary: 'edited, seen by B only' });
      expect((await b.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
      expect(await pushedBy(team)).toEqual({ [deviceId(a)]: teamEvents - 1, [deviceId(b)]: 1 });
      await expectWorkspaceEqualsCacheOf(b);

      // A stops syncing the calendar: the rows A pushed last are withdrawn, B's row stays.
      await a.api.setCalendarEnabled({ calendarId: team, enabled: false });
      expect(await a.api.push({})).toMatchObject({ pushed: teamEvents, pending: 0, error: null });
      expect(await pushedBy(team)).toEqual({ [deviceId(b)]: 1 });

      // B's next push sees the withdrawal and re-sends what it has of the calendar.
      const resent = await b.api.push({});
      expect(resent).toMatchObject({ pending: 0, error: null });
      expect(resent.pushed).toBe(teamEvents);
      await expectWorkspaceEqualsCacheOf(b);
      expect(await pushedBy(team)).toEqual({ [deviceId(b)]: teamEvents });

      // Seen once: the push after that has nothing to re-send.
      expect(await b.api.push({})).toMatchObject({ pushed: 0, pending: 0, error: null });
      // A's own withdrawals of a calendar it no longer syncs make A re-send nothing.
      expect(await a.api.push({})).toMatchObject({ pushed: 0, pending: 0, error: null });
      await expectWorkspaceEqualsCacheOf(b);
    });

    it('a withdrawal seen while the workspace cannot be written stays queued, and goes out with the next push', async () => {
      const [, , priv] = seeded.calendars as [string, string, string];
      expect(await a.api.push({})).toMatchObject({ pending: 0, error: null });
      await a.api.setCalendarEnabled({ calendarId: priv, enabled: false });
      expect(await a.api.push({})).toMatchObject({ pending: 0, error: null });
      expect(await workspaceView(ws, priv)).not.toEqual(
        cacheWorkspaceView(b.store.events.list().filter((e) => e.calendarId === priv)),
      );

      // B's push reads the mark and queues the re-send, but every write of it is refused.
      await shim.query(`revoke execute on function public.calsync_upsert_events(uuid, text, jsonb) from authenticated`);
      try {
        const refused = await b.api.push({});
        expect(refused.error).not.toBeNull();
        expect(refused.pending).toBe(world.google.liveEvents(priv).length);
      } finally {
        await shim.query(`grant execute on function public.calsync_upsert_events(uuid, text, jsonb) to authenticated`);
      }
      // The mark was recorded with the queued rows: they go out now, without the mark having changed again.
      expect(await b.api.push({})).toMatchObject({
        pushed: world.google.liveEvents(priv).length,
        pending: 0,
        error: null,
      });
      await expectWorkspaceEqualsCacheOf(b);
    });

    it('a project without the withdrawal marks says which migration it lacks, and still takes the queued changes', async () => {
      await shim.query(`drop trigger calsync_count_withdrawals on public.workspace_calendar_events`);
      await shim.query(`alter table public.calendar_sync_states drop column withdrawals`);
      const [primary] = seeded.calendars as [string];
      world.google.insertEvent(primary, {
        summary: 'after the schema went back',
        start: { dateTime: '2026-10-01T09:00:00Z' },
        end: { dateTime: '2026-10-01T10:00:00Z' },
      });
      expect((await b.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
      const status = await b.api.status({});
      expect(status.outbox).toMatchObject({
        pending: 0,
        lastError: expect.stringMatching(/withdrawal marks \(migration 20261204000200\)/),
      });
      await expectWorkspaceEqualsCacheOf(b);
    });
  });
}
