// Disconnecting from the Supabase workspace (supabaseDisconnect): config.json
// loses the connection and keeps the rest, the queued changes are dropped and
// counted, nothing is queued or pushed afterwards, the session stays unless
// asked; and the environment (DESIGN.md §7) wins while it is set.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CalsyncApp } from '../../src/main/core/app';
import { createApp } from '../../src/main/core/app';
import { createLogger } from '../../src/main/core/log/logger';
import { shimBackends, type SupabaseShim } from '../fakes/supabase';
import { seedAccount, type Seeded } from '../helpers/seed';
import { startWorld, type World } from '../helpers/world';
import { connectApp, newWorkspace, startShim, workspaceView, type Workspace } from '../helpers/workspace';

for (const backend of shimBackends()) {
  describe.skipIf(!backend.available)(`disconnecting from Supabase (${backend.name})`, () => {
    let shim: SupabaseShim;
    let world: World;
    let ws: Workspace;
    let app: CalsyncApp;
    let seeded: Seeded;

    beforeAll(async () => {
      shim = await startShim(backend);
    });
    afterAll(() => shim?.close());
    beforeEach(async () => {
      world = await startWorld({ tuning: { pushRetryBaseMs: 200 } });
      seeded = seedAccount(world.google, world.user.email, { perCalendar: 5 });
      ws = await newWorkspace(shim);
      app = world.app();
      await world.login(app);
    });
    afterEach(async () => {
      await shim.start();
      await world.close();
    });

    const configFile = () =>
      JSON.parse(readFileSync(path.join(world.home, 'config.json'), 'utf8')) as Record<string, unknown>;
    const reconnect = (a = app) =>
      a.api.supabaseConnect({ url: shim.url, anonKey: shim.anonKey, workspaceId: ws.wsId });
    const triggers = () =>
      (
        app.store.db
          .prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%outbox%'")
          .get() as { n: number }
      ).n;

    it('drops the queued changes and says how many, keeps the rest of config.json, stops queuing and pushing, keeps the session unless asked', async () => {
      await app.api.updateSettings({ bufferMinutes: 7 });
      await connectApp(app, ws);
      await app.sync.request({ trigger: 'cli' });
      // Two changes wait for an unreachable Supabase.
      await shim.stop();
      for (const n of [1, 2]) {
        world.google.insertEvent(seeded.calendars[0]!, {
          summary: `waiting ${n}`,
          start: { dateTime: `2026-04-0${n}T09:00:00Z` },
          end: { dateTime: `2026-04-0${n}T10:00:00Z` },
        });
      }
      app.push.startBackground(); // a retry gets scheduled…
      await app.sync.request({ trigger: 'cli' });
      expect((await app.api.status({})).outbox).toMatchObject({ connected: true, pending: 2 });

      const r = await app.api.supabaseDisconnect({});
      await shim.start();
      expect(r).toEqual({
        wasConnected: true,
        dropped: 2,
        signedOut: false,
        status: {
          configured: false,
          url: null,
          workspaceId: null,
          user: null,
          fromEnv: [],
          outbox: { connected: false, pending: 0, lastError: null, lastPushAt: null, quarantined: 0, quarantine: [] },
        },
      });
      expect(configFile()).not.toHaveProperty('supabase');
      expect(configFile()).toMatchObject({ bufferMinutes: 7 });
      expect(triggers()).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 600)); // …and never pushes to the workspace just left
      expect((await workspaceView(ws)).some((row) => row.includes('waiting'))).toBe(false);

      world.google.insertEvent(seeded.calendars[0]!, {
        summary: 'after',
        start: { dateTime: '2026-04-05T09:00:00Z' },
        end: { dateTime: '2026-04-05T10:00:00Z' },
      });
      await app.sync.request({ trigger: 'cli' });
      expect(app.store.outbox.count()).toBe(0);
      expect(await app.api.push({})).toMatchObject({ pushed: 0, skipped: expect.stringMatching(/not connected/) });
      expect((await app.api.supabaseStatus({})).configured).toBe(false);

      // Disconnecting again changes nothing.
      expect(await app.api.supabaseDisconnect({})).toMatchObject({ wasConnected: false, dropped: 0 });

      // The session was kept: reconnecting needs no sign-in, and the backfill brings the dropped changes.
      expect((await reconnect()).user).toMatchObject({ email: ws.email });
      expect(await app.api.push({})).toMatchObject({ error: null, pending: 0 });
      expect((await workspaceView(ws)).filter((row) => /waiting|after/.test(row))).toHaveLength(3);

      // With signOut, the session ends too.
      expect(await app.api.supabaseDisconnect({ signOut: true })).toMatchObject({
        wasConnected: true,
        signedOut: true,
      });
      expect((await reconnect()).user).toBeNull();
    });

    it('the environment wins while it is set: disconnecting refuses, names the variables and changes nothing', async () => {
      const env = {
        ...world.env,
        CALSYNC_SUPABASE_URL: shim.url,
        CALSYNC_SUPABASE_ANON_KEY: shim.anonKey,
        CALSYNC_WORKSPACE_ID: ws.wsId,
      };
      const byEnv = createApp({ env, logger: createLogger({ level: 'silent' }) });
      try {
        const s = await byEnv.api.supabaseStatus({});
        expect(s).toMatchObject({
          configured: true,
          workspaceId: ws.wsId,
          fromEnv: ['CALSYNC_SUPABASE_URL', 'CALSYNC_SUPABASE_ANON_KEY', 'CALSYNC_WORKSPACE_ID'],
        });
        await expect(byEnv.api.supabaseDisconnect({})).rejects.toMatchObject({
          code: 'conflict',
          message: expect.stringMatching(
            /stays connected: CALSYNC_SUPABASE_URL, CALSYNC_SUPABASE_ANON_KEY, CALSYNC_WORKSPACE_ID are set in the environment.*Unset them/,
          ),
        });
        expect((await byEnv.api.supabaseStatus({})).outbox.connected).toBe(true);
      } finally {
        await byEnv.close();
      }

      // One variable alone connects nothing once config.json's connection is gone.
      await connectApp(app, ws);
      const partial = createApp({
        env: { ...world.env, CALSYNC_WORKSPACE_ID: ws.wsId },
        logger: createLogger({ level: 'silent' }),
      });
      try {
        expect((await partial.api.supabaseStatus({})).fromEnv).toEqual(['CALSYNC_WORKSPACE_ID']);
        const r = await partial.api.supabaseDisconnect({});
        expect(r).toMatchObject({
          wasConnected: true,
          status: { configured: false, fromEnv: ['CALSYNC_WORKSPACE_ID'] },
        });
        expect(configFile()).not.toHaveProperty('supabase');
      } finally {
        await partial.close();
      }
    });
  });
}
