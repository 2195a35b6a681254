// Two devices (two data dirs) syncing the same Google calendars into the same
// workspace, with Google changing between their syncs and their pushes
// arriving out of order: the workspace ends with the newest version of every
// event, only the holder of a calendar's lease ever writes its rows, and a
// lease left behind by a dead device is taken over once it expires.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalsyncApp } from '../../src/main/core/app';
import { MemoryTokenVault } from '../../src/main/core/secrets/token-vault';
import { signInWithPassword } from '../../src/main/core/supabase/auth';
import { createSupabaseClient } from '../../src/main/core/supabase/client';
import { calendarKey } from '../../src/main/core/supabase/event-row';
import { WorkspaceRpc } from '../../src/main/core/supabase/workspace-rpc';
import { shimBackends, type SupabaseShim } from '../fakes/supabase';
import { devices } from '../helpers/devices';
import { seedAccount, type Seeded } from '../helpers/seed';
import { startWorld, type World } from '../helpers/world';
import { connectApp, newWorkspace, startShim, workspaceView, type Workspace } from '../helpers/workspace';

/** Fails any write to a calendar's rows by a device that does not hold that calendar's lease right now. */
const LEASE_GUARD = [
  `create or replace function public.test_writer_holds_lease() returns trigger language plpgsql as $$
  begin
    if not exists (select 1 from public.calendar_sync_states s
                    where s.ws_id = new.ws_id and s.calendar_key = new.provider || ':' || new.external_calendar_id
                      and s.lease_holder = new.pushed_by_device and s.lease_expires_at > clock_timestamp()) then
      raise exception 'device % wrote % without holding its lease', new.pushed_by_device, new.external_calendar_id;
    end if;
    return new;
  end $$`,
  `create trigger test_writer_holds_lease before insert or update on public.workspace_calendar_events
    for each row execute function public.test_writer_holds_lease()`,
];

for (const backend of shimBackends()) {
  describe.skipIf(!backend.available)(`two devices, one workspace (${backend.name})`, () => {
    let shim: SupabaseShim;
    let world: World;
    let ws: Workspace;
    let seeded: Seeded;
    let a: CalsyncApp;
    let b: CalsyncApp;
    const deviceDirs = devices();
    const device = (): CalsyncApp => deviceDirs.open(world.env);
    const deviceId = (app: CalsyncApp) => app.store.kv.get('supabase.device-id')!;

    beforeAll(async () => {
      shim = await startShim(backend);
      for (const sql of LEASE_GUARD) await shim.query(sql);
      ws = await newWorkspace(shim);
      world = await startWorld({ tuning: { pageSize: 9, pushBatchSize: 7, pushLeaseTtlMs: 1_500 } });
      seeded = seedAccount(world.google, world.user.email, { perCalendar: 20 });
      a = device();
      b = device();
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

    /** What Google has now, in the workspace view's shape: the newest version of every live event. */
    const googleView = () => {
      const out: string[] = [];
      for (const cal of seeded.calendars) {
        for (const e of world.google.liveEvents(cal)) {
          const allDay = Boolean(e.start?.date);
          const when = (t: typeof e.start) => (allDay ? t!.date! : new Date(t!.dateTime!).toISOString());
          out.push(
            [
              cal,
              e.id,
              e.summary ?? '',
              when(e.start),
              when(e.end),
              e.transparency ?? 'opaque',
              e.recurringEventId ?? '',
              new Date(e.updated!).toISOString(),
            ].join(' | '),
          );
        }
      }
      return out.sort();
    };
    const titleOf = async (id: string) =>
      (
        await shim.query<{ title: string; deleted_at: Date | null }>(
          `select title, deleted_at from public.workspace_calendar_events where ws_id = $1 and external_event_id = $2`,
          [ws.wsId, id],
        )
      )[0];

    it('interleaved syncs and late pushes end with the newest version of every event, written only by the lease holder', async () => {
      expect(deviceId(a)).not.toBe(deviceId(b));
      expect((await a.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
      expect((await b.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
      expect(await workspaceView(ws)).toEqual(googleView());

      const g = world.google;
      const [primary, team] = seeded.calendars as [string, string, string];
      for (let round = 0; round < 4; round++) {
        const live = g.liveEvents(team).filter((e) => !e.recurringEventId);
        const x = live[round]!.id!;
        // Version 1 of x reaches only device A, which cannot push yet (signed out).
        g.patchEvent(team, x, { summary: `x v1 r${round}` });
        await a.api.supabaseSignOut({});
        await a.sync.request({ trigger: 'cli' });
        expect(a.store.outbox.count()).toBeGreaterThan(0);
        // Version 2 (and more changes) reach device B, which pushes at once.
        g.patchEvent(team, x, { summary: `x v2 r${round}` });
        g.insertEvent(primary, {
          summary: `new r${round}`,
          start: { dateTime: `2026-08-0${round + 1}T09:00:00Z` },
          end: { dateTime: `2026-08-0${round + 1}T10:00:00Z` },
        });
        g.deleteEvent(team, live[10 + round]!.id!);
        await b.sync.request({ trigger: 'cli' });
        expect((await titleOf(x))?.title).toBe(`x v2 r${round}`);
        // A's older version arrives late, and changes nothing.
        await a.api.supabaseSignIn({ email: ws.email, password: ws.password });
        expect(await a.api.push({})).toMatchObject({ pending: 0, error: null });
        expect((await titleOf(x))?.title).toBe(`x v2 r${round}`);
      }

      // More changes, then both devices sync and push at the same time: they take turns per calendar.
      for (const cal of seeded.calendars) {
        for (const e of g
          .liveEvents(cal)
          .filter((ev) => !ev.recurringEventId)
          .slice(0, 12))
          g.patchEvent(cal, e.id!, { summary: `${e.summary} (edited)` });
      }
      const [ra, rb] = await Promise.all([a.sync.request({ trigger: 'cli' }), b.sync.request({ trigger: 'cli' })]);
      expect([ra.status, rb.status]).toEqual(['succeeded', 'succeeded']);
      for (const app of [a, b])
        expect((await app.api.status({})).outbox).toMatchObject({ pending: 0, lastError: null });
      // Both caches are current now, so the workspace holds Google's newest version of everything.
      expect(await workspaceView(ws)).toEqual(googleView());

      const log = await shim.query<{ device_id: string; n: string }>(
        `select device_id, count(*)::text as n from public.workspace_calendar_sync_log where ws_id = $1 group by device_id`,
        [ws.wsId],
      );
      expect(log.map((r) => r.device_id).sort()).toEqual([deviceId(a), deviceId(b)].sort());
    });

    it('waits for a lease another device holds and takes it over once it expires', async () => {
      // A device that took the lease and died: nobody releases it, it runs out in 6 s.
      const vault = new MemoryTokenVault();
      const client = createSupabaseClient({ url: shim.url, anonKey: shim.anonKey, vault, autoRefreshToken: false });
      await signInWithPassword(client, ws.email, ws.password);
      const ghost = new WorkspaceRpc(client, ws.wsId, 'dead-device');
      const [team] = seeded.calendars.slice(1) as [string];
      const key = calendarKey(team);
      expect(await ghost.acquireLease(key, 6)).toBe(true);
      const tookAt = Date.now();

      world.google.insertEvent(team, {
        summary: 'behind a dead lease',
        start: { dateTime: '2026-09-01T09:00:00Z' },
        end: { dateTime: '2026-09-01T10:00:00Z' },
      });
      // The push that ends a sync waits briefly, then leaves the calendar's rows queued.
      await a.sync.request({ trigger: 'cli' });
      expect((await a.api.status({})).outbox).toMatchObject({
        pending: 1,
        lastError: expect.stringMatching(/another device kept the push lease/),
      });
      // Asked for, a push waits until the lease expires and takes it over.
      expect(await a.api.push({})).toMatchObject({ pushed: 1, pending: 0, error: null });
      expect(Date.now() - tookAt).toBeGreaterThanOrEqual(5_900);
      expect((await workspaceView(ws, team)).some((r) => r.includes('behind a dead lease'))).toBe(true);
      const [state] = await shim.query<{ lease_holder: string | null; last_synced_by: string }>(
        `select lease_holder, last_synced_by from public.calendar_sync_states where ws_id = $1 and calendar_key = $2`,
        [ws.wsId, key],
      );
      expect(state).toEqual({ lease_holder: null, last_synced_by: deviceId(a) });
      // The dead device, back, finds its lease gone.
      expect(await ghost.releaseLease(key)).toBe(false);
    });
  });
}
