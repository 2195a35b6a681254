// A push does not queue behind another device's lease while it has other
// calendars to push: every device goes through calendars in the same order,
// so devices syncing the same calendars at once used to wait for each other
// one calendar at a time (found by the "many devices" bench, bench/devices.ts:
// the fleet's throughput fell to about half of one device's).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalsyncApp } from '../../src/main/core/app';
import { MemoryTokenVault } from '../../src/main/core/secrets/token-vault';
import { signInWithPassword } from '../../src/main/core/supabase/auth';
import { createSupabaseClient } from '../../src/main/core/supabase/client';
import { calendarKey } from '../../src/main/core/supabase/event-row';
import { WorkspaceRpc } from '../../src/main/core/supabase/workspace-rpc';
import { shimBackends, type SupabaseShim } from '../fakes/supabase';
import { seedAccount, type Seeded } from '../helpers/seed';
import { startWorld, type World } from '../helpers/world';
import { connectApp, newWorkspace, startShim, workspaceView, type Workspace } from '../helpers/workspace';

const LEASE_S = 4;

for (const backend of shimBackends()) {
  describe.skipIf(!backend.available)(`push order around a busy lease (${backend.name})`, () => {
    let shim: SupabaseShim;
    let world: World;
    let ws: Workspace;
    let seeded: Seeded;
    let app: CalsyncApp;

    beforeAll(async () => {
      shim = await startShim(backend);
      ws = await newWorkspace(shim);
      world = await startWorld({ tuning: { pushLeaseTtlMs: LEASE_S * 1000 } });
      seeded = seedAccount(world.google, world.user.email, { perCalendar: 5 });
      app = world.app();
      await world.login(app);
      await connectApp(app, ws);
      expect((await app.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
      expect(await app.api.push({})).toMatchObject({ pending: 0, error: null });
    });
    afterAll(async () => {
      await app?.close();
      await world?.close();
      await shim?.close();
    });

    it('pushes the calendars nobody else holds first, then takes over the busy one', async () => {
      // The calendar every device pushes first (id order) is held by another device that died.
      const [first, second] = [...seeded.calendars].sort() as [string, string];
      const client = createSupabaseClient({
        url: shim.url,
        anonKey: shim.anonKey,
        vault: new MemoryTokenVault(),
        autoRefreshToken: false,
      });
      await signInWithPassword(client, ws.email, ws.password);
      expect(await new WorkspaceRpc(client, ws.wsId, 'dead-device').acquireLease(calendarKey(first), LEASE_S)).toBe(
        true,
      );
      const [{ expires }] = (await shim.query<{ expires: Date }>(
        `select lease_expires_at as expires from public.calendar_sync_states where ws_id = $1 and calendar_key = $2`,
        [ws.wsId, calendarKey(first)],
      )) as [{ expires: Date }];
      for (const [cal, title] of [
        [first, 'behind the busy lease'],
        [second, 'free to go'],
      ] as const)
        world.google.insertEvent(cal, {
          summary: title,
          start: { dateTime: '2026-09-01T09:00:00Z' },
          end: { dateTime: '2026-09-01T10:00:00Z' },
        });

      expect((await app.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
      await app.push.idle();
      if (app.store.outbox.count() > 0) expect(await app.api.push({})).toMatchObject({ pending: 0, error: null });

      const synced = await shim.query<{ calendar_key: string; last_synced_at: Date }>(
        `select calendar_key, last_synced_at from public.calendar_sync_states where ws_id = $1`,
        [ws.wsId],
      );
      const at = new Map(synced.map((r) => [r.calendar_key, r.last_synced_at.getTime()]));
      // The free calendar went out while the other device's lease still ran; the busy one after it expired.
      expect(at.get(calendarKey(second))!).toBeLessThan(expires.getTime());
      expect(at.get(calendarKey(first))!).toBeGreaterThanOrEqual(expires.getTime());
      const view = await workspaceView(ws);
      expect(view.some((r) => r.includes('free to go'))).toBe(true);
      expect(view.some((r) => r.includes('behind the busy lease'))).toBe(true);
    });
  });
}
