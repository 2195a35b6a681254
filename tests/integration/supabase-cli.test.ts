// The Supabase side of the `calsync` command line, as subprocesses of the
// bundled CLI: connect, sign in (password on stdin, emailed code), status,
// push; and a pusher SIGKILLed mid-push over many trials never loses or
// duplicates a change.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shimBackends, type SupabaseShim } from '../fakes/supabase';
import { cacheView, serverView } from '../helpers/compare';
import { seedAccount, type Seeded } from '../helpers/seed';
import { startWorld, type World } from '../helpers/world';
import {
  cacheWorkspaceView,
  newWorkspace,
  startShim,
  workspaceKeyCounts,
  workspaceView,
  type Workspace,
} from '../helpers/workspace';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const TTL = 800;

for (const backend of shimBackends()) {
  describe.skipIf(!backend.available)(`calsync supabase … and push (${backend.name})`, () => {
    let shim: SupabaseShim;
    let world: World;
    let ws: Workspace;
    let seeded: Seeded;

    beforeAll(async () => {
      shim = await startShim(backend);
      ws = await newWorkspace(shim);
      world = await startWorld({
        tuning: { pageSize: 7, lockTtlMs: TTL, heartbeatMs: 150, pushBatchSize: 4, pushLeaseTtlMs: 1_000 },
      });
      seeded = seedAccount(world.google, world.user.email, { perCalendar: 25 });
      const app = world.app();
      await world.login(app);
      await app.close();
    });
    afterAll(async () => {
      await world?.close();
      await shim?.close();
    });

    const outboxCount = () => {
      const db = new Database(path.join(world.home, 'calsync.db'), { readonly: true });
      try {
        return (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    const json = <T>(stdout: string): T => JSON.parse(stdout) as T;

    it('connects, signs in and pushes through the CLI; says "not connected" before', async () => {
      let r = await world.cli(['supabase', 'status']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/not connected/);
      r = await world.cli(['push', '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(json(r.stdout)).toMatchObject({ pushed: 0, pending: 0, error: null });
      expect(r.stderr).toMatch(/not connected/);
      expect((await world.cli(['sync', '--json'])).code).toBe(0);
      expect(outboxCount()).toBe(0);

      r = await world.cli([
        'supabase',
        'connect',
        '--url',
        shim.url,
        '--anon-key',
        shim.serviceRoleKey,
        '--workspace',
        ws.wsId,
      ]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/service_role/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);

      r = await world.cli([
        'supabase',
        'connect',
        '--url',
        shim.url,
        '--anon-key',
        shim.anonKey,
        '--workspace',
        ws.wsId,
        '--json',
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(json(r.stdout)).toMatchObject({ configured: true, url: shim.url, workspaceId: ws.wsId, user: null });
      const file = JSON.parse(readFileSync(path.join(world.home, 'config.json'), 'utf8')) as { supabase: unknown };
      expect(file.supabase).toEqual({ url: shim.url, anonKey: shim.anonKey, workspaceId: ws.wsId });
      // The backfill: the whole cache is queued.
      const cached = outboxCount();
      expect(cached).toBeGreaterThan(70);

      // The environment overrides the file (DESIGN.md §7).
      const other = await newWorkspace(shim);
      r = await world.cli(['supabase', 'status', '--json'], { env: { CALSYNC_WORKSPACE_ID: other.wsId } });
      expect(json(r.stdout)).toMatchObject({ workspaceId: other.wsId });
      expect((await world.cli(['supabase', 'status', '--json'])).stdout).toContain(ws.wsId);
      expect(outboxCount()).toBe(cached); // back on the saved workspace: queued again from the cache

      r = await world.cli(['push', '--json']);
      expect(r.code).toBe(1);
      expect(json(r.stdout)).toMatchObject({
        pushed: 0,
        pending: cached,
        error: expect.stringMatching(/not signed in/i),
      });

      expect((await world.cli(['supabase', 'login', '--email', ws.email])).code).toBe(2);
      r = await world.cli(['supabase', 'login', '--email', ws.email, '--password-stdin', '--json'], {
        input: 'wrong password\n',
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/wrong email or password/);
      r = await world.cli(['supabase', 'login', '--email', ws.email, '--password-stdin', '--json'], {
        input: `${ws.password}\n`,
      });
      expect(r.code, r.stderr).toBe(0);
      expect(json(r.stdout)).toMatchObject({ user: { email: ws.email } });
      expect(readFileSync(path.join(world.home, 'config.json'), 'utf8')).not.toContain(ws.password);

      r = await world.cli(['push', '--json']);
      expect(r.code, r.stderr).toBe(0);
      // The first push after connecting also compares the workspace with the cache (empty here: nothing to delete).
      expect(json(r.stdout)).toEqual({
        pushed: cached,
        pending: 0,
        error: null,
        reconciled: { calendars: 3, queued: 0, waiting: 0 },
      });
      const app = world.app();
      expect(await workspaceView(ws)).toEqual(cacheWorkspaceView(app.store.events.list()));
      await app.close();

      // Another process pushing to this workspace: exit 3, as for sync (DESIGN.md §6).
      const db = new Database(path.join(world.home, 'calsync.db'));
      db.prepare(
        'INSERT INTO locks (name, owner, run_id, acquired_at, heartbeat_at, expires_at) VALUES (?, ?, NULL, ?, ?, ?)',
      ).run(`push:${ws.wsId}`, 'other', Date.now(), Date.now(), Date.now() + 60_000);
      r = await world.cli(['push', '--json']);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/another calsync process is pushing/i);
      db.prepare('DELETE FROM locks WHERE owner = ?').run('other');
      db.close();

      r = await world.cli(['status', '--json']);
      expect(json<{ outbox: unknown }>(r.stdout).outbox).toMatchObject({
        connected: true,
        pending: 0,
        lastError: null,
        lastPushAt: expect.any(String),
      });
      expect((await world.cli(['status'])).stdout).toMatch(/supabase: connected, 0 changes pending/);

      // Sign out, then back in with an emailed code.
      expect((await world.cli(['supabase', 'logout', '--json'])).code).toBe(0);
      expect(json((await world.cli(['supabase', 'status', '--json'])).stdout)).toMatchObject({ user: null });
      r = await world.cli(['supabase', 'login', '--email', ws.email, '--send-code', '--json']);
      expect(r.code, r.stderr).toBe(0);
      const code = shim.lastOtp(ws.email);
      expect(code).toMatch(/^\d{6,}$/);
      r = await world.cli(['supabase', 'login', '--email', ws.email, '--code', code!, '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(json(r.stdout)).toMatchObject({ user: { email: ws.email } });
      // About twenty CLI processes in a row: each starts Node and opens the cache,
      // which takes seconds on a loaded 2-core CI machine.
    }, 180_000);

    it('a push SIGKILLed mid-batch over many trials leaves nothing lost and nothing twice once it runs again', async () => {
      const seed = Date.now() % 100_000;
      const rand = fc.sample(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { seed, numRuns: 400 });
      let ri = 0;
      const next = () => rand[ri++ % rand.length]!;
      const g = world.google;
      // Connected and signed in (again: the test stands alone), with nothing pending.
      expect(
        (
          await world.cli([
            'supabase',
            'connect',
            '--url',
            shim.url,
            '--anon-key',
            shim.anonKey,
            '--workspace',
            ws.wsId,
          ])
        ).code,
      ).toBe(0);
      expect(
        (await world.cli(['supabase', 'login', '--email', ws.email, '--password-stdin'], { input: `${ws.password}\n` }))
          .code,
      ).toBe(0);
      expect((await world.cli(['sync'])).code).toBe(0);
      expect(outboxCount()).toBe(0);
      let killed = 0;
      for (let trial = 0; trial < 14; trial++) {
        // Google changes; every third trial a calendar is disabled and enabled again (its rows leave and come back).
        for (let i = 0; i < 8; i++) {
          const cal = seeded.calendars[Math.floor(next() * seeded.calendars.length)]!;
          g.insertEvent(cal, {
            summary: `t${trial}-${i}`,
            start: { dateTime: `2026-07-${String(1 + i).padStart(2, '0')}T09:00:00Z` },
            end: { dateTime: `2026-07-${String(1 + i).padStart(2, '0')}T10:00:00Z` },
          });
          const live = g.liveEvents(cal).filter((e) => !e.recurringEventId);
          if (live.length > 5) {
            g.patchEvent(cal, live[Math.floor(next() * live.length)]!.id!, { summary: `changed ${trial}-${i}` });
            if (next() < 0.5) g.deleteEvent(cal, live[Math.floor(next() * live.length)]!.id!);
          }
        }
        if (trial % 3 === 2) {
          const cal = seeded.calendars[1 + (trial % 2)]!;
          expect((await world.cli(['calendars', 'disable', cal])).code).toBe(0);
          expect((await world.cli(['calendars', 'enable', cal])).code).toBe(0);
        }
        await shim.stop(); // the sync's own push fails: the changes wait in the outbox
        const synced = await world.cli(['sync', '--json']);
        expect(synced.code, synced.stderr).toBe(0);
        await shim.start();
        const before = outboxCount();
        // More than one batch (pushBatchSize 4), so a kill after the first confirmed batch still leaves work. The
        // count itself depends on the seed: a patch or delete may land on an event inserted in the same trial.
        expect(before, `trial ${trial} (seed ${seed})`).toBeGreaterThan(4);

        // Kill after the first batches were confirmed, or at a random moment while the first is in flight.
        const afterAck = next() < 0.7;
        const extraMs = Math.floor(next() * 15);
        // The killer stops watching once the push has ended on its own, so it
        // never reads the cache after the test has moved on (or cleaned up).
        let ended = false;
        let killer: Promise<void> = Promise.resolve();
        const res = await world.cli(['push', '--json'], {
          onSpawn: (kill) => {
            killer = (async () => {
              const deadline = Date.now() + 15_000;
              if (afterAck) while (!ended && outboxCount() >= before && Date.now() < deadline) await sleep(2);
              else await sleep(250 + Math.floor(next() * 500));
              if (!ended) setTimeout(kill, extraMs);
            })();
          },
        });
        ended = true;
        await killer;
        if (res.signal === 'SIGKILL') killed++;
        else expect(res.code, `trial ${trial} (seed ${seed}): ${res.stderr}`).toBe(0);
        await sleep(TTL + 150); // a killed pusher's lock expires
      }
      expect(killed, `seed ${seed}`).toBeGreaterThanOrEqual(10);

      const final = await world.cli(['push', '--json']);
      expect(final.code, final.stderr).toBe(0);
      expect(json(final.stdout)).toMatchObject({ pending: 0, error: null });
      const app = world.app();
      try {
        for (const cal of seeded.calendars)
          expect(cacheView(app.store.events.list({ calendarId: cal })), `seed ${seed}`).toEqual(
            serverView(g.liveEvents(cal)),
          );
        expect(await workspaceView(ws), `seed ${seed}`).toEqual(cacheWorkspaceView(app.store.events.list()));
        const counts = await workspaceKeyCounts(ws);
        expect(counts.keys).toBe(counts.rows);
        expect(counts.live).toBe(app.store.events.count());
      } finally {
        await app.close();
      }
    }, 240_000);
  });
}
