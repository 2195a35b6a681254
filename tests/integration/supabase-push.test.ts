// Google → cache → outbox → Supabase, end to end: the real engine against the
// fake Google and the Supabase shim (PGlite, and the system PostgreSQL when
// TEST_DATABASE_URL is set). After every step the workspace's live rows must
// equal the cache, as sets.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CalsyncApp } from '../../src/main/core/app';
import { shimBackends, type SupabaseShim } from '../fakes/supabase';
import { cacheView, serverView } from '../helpers/compare';
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
  describe.skipIf(!backend.available)(`push to Supabase (${backend.name})`, () => {
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
      world = await startWorld({ tuning: { pageSize: 10, pushRetryBaseMs: 200 } });
      seeded = seedAccount(world.google, world.user.email);
      ws = await newWorkspace(shim);
      app = world.app();
      await world.login(app);
    });
    afterEach(async () => {
      await shim.start(); // a test that stopped it
      await world.close();
    });

    const expectWorkspaceEqualsCache = async () => {
      expect(await workspaceView(ws)).toEqual(cacheWorkspaceView(app.store.events.list()));
      const counts = await workspaceKeyCounts(ws);
      expect(counts.keys).toBe(counts.rows);
    };
    const expectCacheEqualsGoogle = () => {
      for (const cal of seeded.calendars)
        expect(cacheView(app.store.events.list({ calendarId: cal })), cal).toEqual(
          serverView(world.google.liveEvents(cal)),
        );
    };

    it('a full sync of a multi-calendar account, then incremental changes, deletions, a disabled calendar and a 410 resync reach the workspace', async () => {
      await connectApp(app, ws);
      const first = await app.sync.request({ trigger: 'cli' });
      expect(first).toMatchObject({ status: 'succeeded', kind: 'full' });
      expectCacheEqualsGoogle();
      expect(app.store.events.count()).toBeGreaterThan(90);
      await expectWorkspaceEqualsCache();
      expect(app.store.outbox.count()).toBe(0);
      expect((await app.api.status({})).outbox).toMatchObject({ connected: true, pending: 0, lastError: null });
      expect((await app.api.status({})).outbox.lastPushAt).not.toBeNull();

      // Incremental: new, renamed, moved, deleted, a cancelled instance.
      const [primary, team, priv] = seeded.calendars as [string, string, string];
      const live = world.google.liveEvents(team);
      world.google.insertEvent(primary, {
        summary: 'New one',
        start: { dateTime: '2026-04-01T09:00:00Z' },
        end: { dateTime: '2026-04-01T10:00:00Z' },
      });
      world.google.patchEvent(team, live[0]!.id!, { summary: 'Renamed' });
      world.google.patchEvent(team, live[1]!.id!, {
        start: { dateTime: '2026-04-02T09:00:00Z' },
        end: { dateTime: '2026-04-02T11:00:00Z' },
      });
      world.google.deleteEvent(team, live[2]!.id!);
      world.google.cancelInstance(primary, seeded.seriesId, '2026-03-23T09:00:00.000Z');
      const second = await app.sync.request({ trigger: 'cli' });
      expect(second).toMatchObject({ status: 'succeeded', kind: 'incremental' });
      expectCacheEqualsGoogle();
      await expectWorkspaceEqualsCache();
      const [gone] = await shim.query<{ deleted_at: Date | null }>(
        `select deleted_at from public.workspace_calendar_events where ws_id = $1 and external_event_id = $2`,
        [ws.wsId, live[2]!.id],
      );
      expect(gone?.deleted_at).not.toBeNull(); // a tombstone, not a missing row

      // A whole series deleted at Google.
      world.google.deleteEvent(primary, seeded.seriesId);
      await app.sync.request({ trigger: 'cli' });
      await expectWorkspaceEqualsCache();
      expect((await workspaceView(ws)).some((r) => r.includes(seeded.seriesId))).toBe(false);

      // A disabled calendar's events leave the workspace too.
      await app.api.setCalendarEnabled({ calendarId: priv, enabled: false });
      expect(app.store.outbox.count()).toBe(world.google.liveEvents(priv).length);
      await app.api.push({});
      expect(await workspaceView(ws, priv)).toEqual([]);
      await expectWorkspaceEqualsCache();

      // 410: the full resync sweeps what was deleted meanwhile.
      const swept = world.google
        .liveEvents(team)
        .slice(0, 4)
        .map((e) => e.id!);
      for (const id of swept) world.google.deleteEvent(team, id);
      world.google.insertEvent(team, {
        summary: 'After 410',
        start: { dateTime: '2026-04-03T09:00:00Z' },
        end: { dateTime: '2026-04-03T09:30:00Z' },
      });
      world.google.invalidateSyncTokens();
      const resync = await app.sync.request({ trigger: 'cli' });
      expect(resync.calendars.find((c) => c.calendarId === team)).toMatchObject({ kind: 'full', deleted: 4 });
      await expectWorkspaceEqualsCache();
      for (const id of swept) expect((await workspaceView(ws, team)).some((r) => r.includes(id))).toBe(false);

      // The runs reached the workspace's run log, each once.
      const log = await shim.query<{ run_id: string; status: string }>(
        `select run_id, status from public.workspace_calendar_sync_log where ws_id = $1 order by run_id::int`,
        [ws.wsId],
      );
      expect(log.map((r) => Number(r.run_id))).toEqual(
        app.store.runs
          .list({ limit: 100 })
          .map((r) => r.id)
          .reverse(),
      );
      // Every calendar was pushed under its lease, which was released and marked synced.
      const states = await shim.query<{
        calendar_key: string;
        lease_holder: string | null;
        last_synced_by: string | null;
      }>(
        `select calendar_key, lease_holder, last_synced_by from public.calendar_sync_states where ws_id = $1 order by calendar_key`,
        [ws.wsId],
      );
      expect(states.map((s) => s.calendar_key).sort()).toEqual(seeded.calendars.map((c) => `google:${c}`).sort());
      expect(states.every((s) => s.lease_holder === null && s.last_synced_by !== null)).toBe(true);
    });

    it('while Supabase is unreachable the outbox keeps every change (compacted); when it is back one push drains it', async () => {
      await connectApp(app, ws);
      await app.sync.request({ trigger: 'cli' });
      await expectWorkspaceEqualsCache();

      await shim.stop();
      const [primary, team] = seeded.calendars as [string, string, string];
      const touched = new Set<string>();
      for (let round = 0; round < 4; round++) {
        const live = world.google.liveEvents(team).filter((e) => !e.recurringEventId);
        const created = world.google.insertEvent(primary, {
          summary: `offline ${round}`,
          start: { dateTime: `2026-05-0${round + 1}T09:00:00Z` },
          end: { dateTime: `2026-05-0${round + 1}T10:00:00Z` },
        });
        // The same events change in every round: compaction keeps one row each.
        world.google.patchEvent(team, live[0]!.id!, { summary: `renamed ${round}` });
        world.google.patchEvent(team, live[1]!.id!, { summary: `renamed ${round}` });
        world.google.deleteEvent(team, live[2 + round]!.id!);
        for (const id of [created.id!, live[0]!.id!, live[1]!.id!, live[2 + round]!.id!]) touched.add(id);
        if (round === 2) world.google.deleteEvent(primary, created.id!); // created and deleted while offline
        const run = await app.sync.request({ trigger: 'cli' });
        expect(run.status).toBe('succeeded');
        const outbox = (await app.api.status({})).outbox;
        expect(outbox.lastError).toMatch(/unreachable/i);
      }
      expectCacheEqualsGoogle();
      // One row per changed event; the event created and deleted offline was never sent, so it left none.
      expect(app.store.outbox.count()).toBe(touched.size - 1);
      expect((await app.api.status({})).outbox.pending).toBe(touched.size - 1);
      // Nothing reached the workspace meanwhile.
      expect((await workspaceView(ws)).some((r) => r.includes('offline'))).toBe(false);

      await shim.start();
      const result = await app.api.push({});
      expect(result).toEqual({ pushed: touched.size - 1, pending: 0, error: null });
      await expectWorkspaceEqualsCache();
      expect((await app.api.status({})).outbox).toMatchObject({ pending: 0, lastError: null });
    });

    it('queues nothing while not connected; connecting backfills the cache; signing out keeps changes queued', async () => {
      await app.sync.request({ trigger: 'cli' });
      expect(app.store.outbox.count()).toBe(0);
      expect((await app.api.status({})).outbox).toEqual({
        connected: false,
        pending: 0,
        lastError: null,
        lastPushAt: null,
        quarantined: 0,
        quarantine: [],
      });
      expect(await app.api.supabaseStatus({})).toMatchObject({ configured: false, user: null });
      expect(await app.api.push({})).toMatchObject({
        pushed: 0,
        pending: 0,
        error: null,
        skipped: expect.stringMatching(/not connected/),
      });

      await app.api.supabaseConnect({ url: shim.url, anonKey: shim.anonKey, workspaceId: ws.wsId });
      const cached = app.store.events.count();
      expect((await app.api.supabaseStatus({})).outbox).toMatchObject({ connected: true, pending: cached });
      // Not signed in yet: the push says so, the rows wait.
      expect((await app.api.push({})).error).toMatch(/not signed in/i);
      expect(app.store.outbox.count()).toBe(cached);

      await app.api.supabaseSignIn({ email: ws.email, password: ws.password });
      expect((await app.api.supabaseStatus({})).user).toMatchObject({ email: ws.email });
      expect(await app.api.push({})).toMatchObject({ pushed: cached, pending: 0, error: null });
      await expectWorkspaceEqualsCache();

      await app.api.supabaseSignOut({});
      world.google.insertEvent(seeded.calendars[0]!, {
        summary: 'While signed out',
        start: { dateTime: '2026-04-05T09:00:00Z' },
        end: { dateTime: '2026-04-05T10:00:00Z' },
      });
      await app.sync.request({ trigger: 'cli' });
      expect(app.store.outbox.count()).toBe(1);
      expect((await app.api.status({})).outbox.lastError).toMatch(/not signed in/i);
      await app.api.supabaseSignIn({ email: ws.email, password: ws.password });
      await app.api.push({});
      await expectWorkspaceEqualsCache();
    });

    it('text Postgres cannot store (NUL, a lone surrogate) is made storable in the cache, noted in the log, and pushed', async () => {
      await connectApp(app, ws);
      const [primary] = seeded.calendars as [string];
      const bad = world.google.insertEvent(primary, {
        summary: 'bad\u0000title',
        description: 'half \uD800 pair',
        start: { dateTime: '2026-04-09T09:00:00Z' },
        end: { dateTime: '2026-04-09T10:00:00Z' },
      });
      await app.sync.request({ trigger: 'cli' });
      expect(app.store.events.list().find((e) => e.id === bad.id)).toMatchObject({
        title: 'bad\uFFFDtitle',
        description: 'half \uFFFD pair',
      });
      expect(world.logs.join('\n')).toMatch(/title held characters Postgres cannot store/);
      expect((await app.api.status({})).outbox).toMatchObject({
        pending: 0,
        lastError: null,
        lastPushAt: expect.any(String),
        quarantined: 0,
      });
      await expectWorkspaceEqualsCache();
    });

    it('a row the workspace refuses as invalid is quarantined: shown in status, the rest goes through, later pushes are clean', async () => {
      await connectApp(app, ws);
      const [primary] = seeded.calendars as [string];
      await app.sync.request({ trigger: 'cli' });
      await expectWorkspaceEqualsCache();
      // A cache written before text was made storable still holds a NUL (Postgres text refuses it: 22P05).
      const victim = app.store.events.list({ calendarId: primary })[0]!;
      app.store.db
        .prepare('UPDATE events SET title = ? WHERE calendar_id = ? AND id = ?')
        .run('old\u0000title', primary, victim.id);
      app.store.events.requeueCalendar(victim.accountId, primary); // queued, as that cache had it
      const fine = world.google.insertEvent(primary, {
        summary: 'fine',
        start: { dateTime: '2026-04-09T09:00:00Z' },
        end: { dateTime: '2026-04-09T10:00:00Z' },
      });
      await app.sync.request({ trigger: 'cli' });
      const status = (await app.api.status({})).outbox;
      expect(status).toMatchObject({ pending: 0, lastError: null, lastPushAt: expect.any(String), quarantined: 1 });
      expect(status.quarantine).toEqual([
        {
          calendarId: primary,
          eventId: victim.id,
          title: 'old\u0000title',
          op: 'upsert',
          error: expect.stringMatching(/Supabase/),
          at: expect.any(String),
        },
      ]);
      // The workspace has everything else, the new event included; only the refused change is missing.
      const others = app.store.events.list().filter((e) => e.id !== victim.id);
      expect((await workspaceView(ws)).filter((r) => !r.includes(` | ${victim.id} | `))).toEqual(
        cacheWorkspaceView(others),
      );
      expect(others.some((e) => e.id === fine.id)).toBe(true);
      // Nothing holds the queue: the next push has nothing to send and nothing to complain about.
      expect(await app.api.push({})).toEqual({ pushed: 0, pending: 0, error: null });
      // Fixed at Google: the next sync queues the event again, the workspace takes it, the quarantine ends.
      world.google.patchEvent(primary, victim.id, { summary: 'good title' });
      await app.sync.request({ trigger: 'cli' });
      expect((await app.api.status({})).outbox).toMatchObject({
        pending: 0,
        lastError: null,
        quarantined: 0,
        quarantine: [],
      });
      await expectWorkspaceEqualsCache();
    });

    it('a process that stays up retries by itself a push that found Supabase unreachable', async () => {
      await connectApp(app, ws);
      await app.sync.request({ trigger: 'cli' });
      app.push.startBackground();
      await shim.stop();
      world.google.insertEvent(seeded.calendars[0]!, {
        summary: 'retried',
        start: { dateTime: '2026-04-10T09:00:00Z' },
        end: { dateTime: '2026-04-10T10:00:00Z' },
      });
      const finished: Array<string | null> = [];
      const unsubscribe = app.bus.subscribe((e) => {
        if (e.type === 'push-finished') finished.push(e.error);
      });
      await app.sync.request({ trigger: 'cli' });
      expect(finished[0]).toMatch(/unreachable/i);
      await shim.start();
      const deadline = Date.now() + 10_000;
      // Nobody asks again: the retry timer pushes once Supabase is back.
      while (finished.at(-1) !== null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      unsubscribe();
      expect(finished.length).toBeGreaterThanOrEqual(2);
      expect(finished.at(-1)).toBeNull();
      expect(app.store.outbox.count()).toBe(0);
      await expectWorkspaceEqualsCache();
    });

    it('one push at a time: a second request in this process joins the first; another process holding the lock makes it wait its turn', async () => {
      await connectApp(app, ws);
      await app.sync.request({ trigger: 'cli' });
      await app.api.setCalendarEnabled({ calendarId: seeded.calendars[1]!, enabled: false });
      const pending = app.store.outbox.count();
      expect(pending).toBeGreaterThan(20);
      const [first, second] = await Promise.all([app.api.push({}), app.api.push({})]);
      expect(first).toEqual({ pushed: pending, pending: 0, error: null });
      expect(second).toEqual(first);

      const lock = `push:${ws.wsId}`;
      expect(app.store.locks.tryAcquire(lock, 'another-process', null, Date.now(), 60_000)).toBe(true);
      await expect(app.api.push({})).rejects.toMatchObject({ code: 'locked' });
      app.store.locks.release(lock, 'another-process');
      expect((await app.api.push({})).error).toBeNull();
    });

    it('refuses a service_role key, and a key or URL that is not one', async () => {
      await expect(
        app.api.supabaseConnect({ url: shim.url, anonKey: shim.serviceRoleKey, workspaceId: ws.wsId }),
      ).rejects.toThrow(/service_role/);
      await expect(
        app.api.supabaseConnect({ url: shim.url, anonKey: 'x'.repeat(40), workspaceId: ws.wsId }),
      ).rejects.toThrow(/not a valid anon key/);
      expect((await app.api.supabaseStatus({})).configured).toBe(false);
      await app.sync.request({ trigger: 'cli' });
      expect(app.store.outbox.count()).toBe(0);
    });
  });
}
