// The reconcile (src/main/core/push/reconcile.ts): deletions made while no
// workspace was connected reach it after reconnecting — events deleted at
// Google, a calendar disabled, an account logged out — and a device that
// reconciles never deletes another device's fresh rows for events it has not
// listed yet. The real engine against the fake Google and the Supabase shim
// (PGlite, and the system PostgreSQL when TEST_DATABASE_URL is set).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** No margin: the fake Google and the engine share this machine's clock. */
const tuning = { pageSize: 10, reconcileMarginMs: 0, reconcilePageSize: 7 };

for (const backend of shimBackends()) {
  describe.skipIf(!backend.available)(`reconcile after reconnecting (${backend.name})`, () => {
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
      world = await startWorld({ tuning });
      seeded = seedAccount(world.google, world.user.email, { perCalendar: 20 });
      ws = await newWorkspace(shim);
      app = world.app();
      await world.login(app);
    });
    afterEach(() => world.close());

    const expectWorkspaceEqualsCache = async () => {
      expect(await workspaceView(ws)).toEqual(cacheWorkspaceView(app.store.events.list()));
      const counts = await workspaceKeyCounts(ws);
      expect(counts.keys).toBe(counts.rows);
    };
    const reconnect = () => app.api.supabaseConnect({ url: shim.url, anonKey: shim.anonKey, workspaceId: ws.wsId });

    it('events deleted at Google and a calendar disabled while disconnected leave the workspace after reconnecting', async () => {
      await connectApp(app, ws);
      await app.sync.request({ trigger: 'cli' });
      await expectWorkspaceEqualsCache();

      const left = await app.api.supabaseDisconnect({});
      expect(left).toMatchObject({
        wasConnected: true,
        dropped: 0,
        signedOut: false,
        status: { configured: false, outbox: { connected: false } },
      });
      expect(JSON.parse(readFileSync(path.join(world.home, 'config.json'), 'utf8'))).not.toHaveProperty('supabase');

      const g = world.google;
      const [primary, team, priv] = seeded.calendars as [string, string, string];
      const gone = g
        .liveEvents(team)
        .filter((e) => !e.recurringEventId)
        .slice(0, 4)
        .map((e) => e.id!);
      for (const id of gone) g.deleteEvent(team, id);
      g.cancelInstance(primary, seeded.seriesId, '2026-03-23T09:00:00.000Z');
      g.patchEvent(team, g.liveEvents(team)[0]!.id!, { summary: 'renamed offline' });
      g.insertEvent(primary, {
        summary: 'new offline',
        start: { dateTime: '2026-04-01T09:00:00Z' },
        end: { dateTime: '2026-04-01T10:00:00Z' },
      });
      await app.api.setCalendarEnabled({ calendarId: priv, enabled: false });
      expect((await app.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
      expect(app.store.outbox.count()).toBe(0); // nothing queued while disconnected
      for (const id of gone) expect((await workspaceView(ws, team)).some((r) => r.includes(id))).toBe(true); // still there

      // Reconnecting keeps the session: the first push backfills and reconciles.
      expect((await reconnect()).user).toMatchObject({ email: ws.email });
      const first = await app.api.push({});
      expect(first).toMatchObject({ pending: 0, error: null, reconciled: { calendars: 3, waiting: 0 } });
      // The four deletions, the cancelled instance and every row of the disabled calendar.
      expect(first.reconciled!.queued).toBe(gone.length + 1 + g.liveEvents(priv).length);
      await expectWorkspaceEqualsCache();
      expect(await workspaceView(ws, priv)).toEqual([]);
      expect((await workspaceView(ws)).some((r) => r.includes('renamed offline'))).toBe(true);

      // Done once: the next push has nothing to compare; asked for, it compares again and finds nothing.
      expect(await app.api.push({})).toEqual({ pushed: 0, pending: 0, error: null });
      expect(await app.api.push({ reconcile: true })).toEqual({
        pushed: 0,
        pending: 0,
        error: null,
        reconciled: { calendars: 3, queued: 0, waiting: 0 },
      });
    });

    it('an account logged out while disconnected takes its rows along; a calendar without a complete listing waits', async () => {
      const bob = world.google.addUser({ email: 'bob@example.test' });
      const bobs = seedAccount(world.google, bob.email, { perCalendar: 5 });
      await world.login(app, { email: bob.email });
      await connectApp(app, ws);
      await app.sync.request({ trigger: 'cli' });
      await expectWorkspaceEqualsCache();
      expect((await workspaceView(ws, bobs.calendars[1])).length).toBeGreaterThan(0);

      // Queued but not sent yet when disconnecting: dropped, and the count says so.
      world.google.insertEvent(seeded.calendars[0]!, {
        summary: 'queued',
        start: { dateTime: '2026-04-02T09:00:00Z' },
        end: { dateTime: '2026-04-02T10:00:00Z' },
      });
      await app.api.supabaseSignOut({});
      await app.sync.request({ trigger: 'cli' });
      expect(app.store.outbox.count()).toBe(1);
      expect((await app.api.supabaseDisconnect({})).dropped).toBe(1);

      await app.api.logout({ account: bob.email });
      // A calendar re-enabled meanwhile has no complete listing until the next sync: it waits.
      const team = seeded.calendars[1]!;
      await app.api.setCalendarEnabled({ calendarId: team, enabled: false });
      await app.api.setCalendarEnabled({ calendarId: team, enabled: true });
      await reconnect();
      await app.api.supabaseSignIn({ email: ws.email, password: ws.password });
      const first = await app.api.push({});
      expect(first).toMatchObject({
        pending: 0,
        error: null,
        reconciled: { calendars: 2 + bobs.calendars.length, waiting: 1 },
      });
      for (const cal of bobs.calendars) expect(await workspaceView(ws, cal)).toEqual([]);
      // The team calendar's rows wait for its listing; then the push after the sync compares it.
      await app.sync.request({ trigger: 'cli' });
      await expectWorkspaceEqualsCache();
      expect(app.store.outbox.reconcile.pending(`${shim.url}#${ws.wsId}`)).toBe(false);
    });
  });

  // Disabling a calendar or logging an account out while connected queues
  // "withdrawn" deletes at each event's version; syncing it again re-sends the
  // same versions, which must bring the rows back (a "gone" tombstone would not).
  describe.skipIf(!backend.available)(`a calendar withdrawn while connected comes back (${backend.name})`, () => {
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
      world = await startWorld({ tuning });
      seeded = seedAccount(world.google, world.user.email, { perCalendar: 12 });
      ws = await newWorkspace(shim);
      app = world.app();
      await world.login(app);
      await connectApp(app, ws);
      await app.sync.request({ trigger: 'cli' });
    });
    afterEach(() => world.close());

    const expectWorkspaceEqualsCache = async () => {
      expect(await workspaceView(ws)).toEqual(cacheWorkspaceView(app.store.events.list()));
      const counts = await workspaceKeyCounts(ws);
      expect(counts.keys).toBe(counts.rows);
    };

    it('disable → push → re-enable → sync → push: the workspace holds the calendar again', async () => {
      await expectWorkspaceEqualsCache();
      const team = seeded.calendars[1]!;
      const rows = (await workspaceView(ws, team)).length;
      expect(rows).toBeGreaterThan(0);

      await app.api.setCalendarEnabled({ calendarId: team, enabled: false });
      expect(await app.api.push({})).toMatchObject({ pushed: rows, pending: 0, error: null });
      expect(await workspaceView(ws, team)).toEqual([]);
      await expectWorkspaceEqualsCache();

      await app.api.setCalendarEnabled({ calendarId: team, enabled: true });
      expect((await app.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
      expect(await app.api.push({})).toMatchObject({ pending: 0, error: null });
      expect((await workspaceView(ws, team)).length).toBe(rows);
      await expectWorkspaceEqualsCache();
    });

    it("logout → push → login again → sync → push: the account's rows come back", async () => {
      const all = (await workspaceView(ws)).length;
      await app.api.logout({ account: world.user.email });
      expect(await app.api.push({})).toMatchObject({ pushed: all, pending: 0, error: null });
      expect(await workspaceView(ws)).toEqual([]);

      await world.login(app);
      expect((await app.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
      expect(await app.api.push({})).toMatchObject({ pending: 0, error: null });
      expect((await workspaceView(ws)).length).toBe(all);
      await expectWorkspaceEqualsCache();
    });
  });

  describe.skipIf(!backend.available)(`reconcile with two devices (${backend.name})`, () => {
    let shim: SupabaseShim;
    let world: World;
    let ws: Workspace;
    let seeded: Seeded;
    let a: CalsyncApp;
    let b: CalsyncApp;
    const deviceDirs = devices();
    const device = (): CalsyncApp => deviceDirs.open(world.env);

    beforeAll(async () => {
      shim = await startShim(backend);
      ws = await newWorkspace(shim);
      world = await startWorld({ tuning });
      seeded = seedAccount(world.google, world.user.email, { perCalendar: 15 });
      a = device();
      b = device();
      for (const app of [a, b]) {
        await world.login(app);
        await connectApp(app, ws);
        await app.sync.request({ trigger: 'cli' });
      }
    });
    afterAll(async () => {
      for (const app of [a, b]) await app?.close();
      await world?.close();
      await shim?.close();
      deviceDirs.cleanup();
    });

    const live = async (id: string) =>
      (
        await shim.query<{ deleted_at: Date | null }>(
          `select deleted_at from public.workspace_calendar_events where ws_id = $1 and external_event_id = $2`,
          [ws.wsId, id],
        )
      )[0]?.deleted_at === null;

    it("device B reconciling after reconnecting deletes what it saw deleted, never device A's fresh rows for events B has not listed", async () => {
      const g = world.google;
      const [primary, team] = seeded.calendars as [string, string, string];
      await b.api.supabaseDisconnect({});
      // Deleted at Google while B is disconnected; B lists it, A (offline) does not.
      const deleted = g.liveEvents(team).filter((e) => !e.recurringEventId)[3]!.id!;
      g.deleteEvent(team, deleted);
      expect((await b.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
      await sleep(5);
      // Created after B's listing; A syncs only the primary calendar (the team calendar fails for it) and pushes it.
      const fresh = g.insertEvent(primary, {
        summary: 'fresh from A',
        start: { dateTime: '2026-04-03T09:00:00Z' },
        end: { dateTime: '2026-04-03T10:00:00Z' },
      }).id!;
      g.faults.inject({
        match: { path: `/calendars/${team}/events` },
        times: Number.POSITIVE_INFINITY,
        action: { status: 403, reason: 'forbidden' },
      });
      await a.sync.request({ trigger: 'cli' });
      g.faults.clear();
      expect(await live(fresh)).toBe(true);
      expect(await live(deleted)).toBe(true); // nobody told the workspace yet
      expect(b.store.events.list({ calendarId: primary }).some((e) => e.id === fresh)).toBe(false);

      await b.api.supabaseConnect({ url: shim.url, anonKey: shim.anonKey, workspaceId: ws.wsId });
      const r = await b.api.push({});
      expect(r).toMatchObject({ error: null, pending: 0, reconciled: { calendars: 3, queued: 1, waiting: 0 } });
      expect(await live(deleted)).toBe(false);
      expect(await live(fresh)).toBe(true);

      // Once both have listed everything, the workspace is Google.
      await b.sync.request({ trigger: 'cli' });
      await a.sync.request({ trigger: 'cli' });
      const google = seeded.calendars.flatMap((cal) => g.liveEvents(cal).map((e) => `${cal}/${e.id}`)).sort();
      const rows = await shim.query<{ k: string }>(
        `select external_calendar_id || '/' || external_event_id as k from public.workspace_calendar_events where ws_id = $1 and deleted_at is null order by 1`,
        [ws.wsId],
      );
      expect(rows.map((x) => x.k).sort()).toEqual(google);
    });
  });
}
