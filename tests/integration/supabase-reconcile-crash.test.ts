// `calsync supabase disconnect` and the reconcile after reconnecting, as
// subprocesses of the bundled CLI: over several trials the device disconnects,
// Google deletes and changes events, the device syncs, reconnects, and the
// push that reconciles is SIGKILLed part-way (most often while it is still
// queuing deletions); the next push converges — the workspace's live rows
// equal the cache, one row per key.
import Database from 'better-sqlite3';
import fc from 'fast-check';
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
  describe.skipIf(!backend.available)(
    `calsync supabase disconnect, and a reconcile killed mid-push (${backend.name})`,
    () => {
      let shim: SupabaseShim;
      let world: World;
      let ws: Workspace;
      let seeded: Seeded;

      beforeAll(async () => {
        shim = await startShim(backend);
        ws = await newWorkspace(shim);
        // Two keys per read and three rows per batch: a reconcile is many requests, so kills land inside it.
        world = await startWorld({
          tuning: {
            pageSize: 7,
            lockTtlMs: TTL,
            heartbeatMs: 150,
            pushBatchSize: 3,
            pushLeaseTtlMs: 1_000,
            reconcilePageSize: 2,
            reconcileMarginMs: 0,
          },
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

      const db = <T>(fn: (d: Database.Database) => T): T => {
        const d = new Database(path.join(world.home, 'calsync.db'), { readonly: true });
        try {
          return fn(d);
        } finally {
          d.close();
        }
      };
      const outboxCount = () => db((d) => (d.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n);
      const reconcilePending = () => db((d) => d.prepare('SELECT 1 FROM outbox_reconcile_state').get() !== undefined);
      const ok = async (args: string[], input?: string) => {
        const r = await world.cli(args, input === undefined ? {} : { input });
        expect(r.code, `calsync ${args.join(' ')}: ${r.stderr}`).toBe(0);
        return r;
      };
      const connect = () =>
        ok(['supabase', 'connect', '--url', shim.url, '--anon-key', shim.anonKey, '--workspace', ws.wsId]);

      it('disconnect says what it dropped and status says "not connected"; the environment keeps it connected and disconnect says so', async () => {
        await connect();
        await ok(['supabase', 'login', '--email', ws.email, '--password-stdin'], `${ws.password}\n`);
        await ok(['sync']);
        expect(outboxCount()).toBe(0);

        // Queued while signed out, then dropped by the disconnect.
        world.google.insertEvent(seeded.calendars[0]!, {
          summary: 'queued',
          start: { dateTime: '2026-06-01T09:00:00Z' },
          end: { dateTime: '2026-06-01T10:00:00Z' },
        });
        await ok(['supabase', 'logout']);
        expect((await world.cli(['sync'])).code).toBe(0);
        expect(outboxCount()).toBe(1);
        await ok(['supabase', 'login', '--email', ws.email, '--password-stdin'], `${ws.password}\n`);

        const env = {
          CALSYNC_SUPABASE_URL: shim.url,
          CALSYNC_SUPABASE_ANON_KEY: shim.anonKey,
          CALSYNC_WORKSPACE_ID: ws.wsId,
        };
        let r = await world.cli(['supabase', 'disconnect'], { env });
        expect(r.code).toBe(1);
        expect(r.stderr.trim()).toMatch(
          /^calsync: Supabase stays connected: CALSYNC_SUPABASE_URL, CALSYNC_SUPABASE_ANON_KEY, CALSYNC_WORKSPACE_ID are set in the environment/,
        );
        expect((await world.cli(['supabase', 'status'], { env })).stdout).toMatch(
          /from the environment, over config\.json/,
        );
        expect(outboxCount()).toBe(1);

        r = await ok(['supabase', 'disconnect']);
        expect(r.stdout).toMatch(
          /^Disconnected from the Supabase workspace: nothing is queued or pushed any more; 1 queued change\(s\) dropped\./,
        );
        expect(r.stdout).toMatch(/Still signed in to Supabase/);
        expect(r.stdout).toMatch(/Supabase: not connected/);
        expect((await ok(['supabase', 'status'])).stdout).toMatch(/^Supabase: not connected/);
        expect((await ok(['status'])).stdout).toMatch(/supabase: not connected/);
        expect(outboxCount()).toBe(0);
        r = await ok(['supabase', 'disconnect', '--json']);
        expect(JSON.parse(r.stdout)).toMatchObject({
          wasConnected: false,
          dropped: 0,
          signedOut: false,
          status: { configured: false },
        });

        // Back, still signed in: the first push sends the backfill and reconciles.
        await connect();
        r = await ok(['push']);
        expect(r.stdout).toMatch(/reconciled 3 calendar\(s\) with the workspace: 0 row\(s\)/);
        r = await ok(['push', '--reconcile', '--json']);
        expect(JSON.parse(r.stdout)).toEqual({
          pushed: 0,
          pending: 0,
          error: null,
          reconciled: { calendars: 3, queued: 0, waiting: 0 },
        });
      });

      it('a push SIGKILLed while it reconciles converges on the next push', async () => {
        const seed = Date.now() % 100_000;
        const rand = fc.sample(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { seed, numRuns: 200 });
        let ri = 0;
        const next = () => rand[ri++ % rand.length]!;
        const g = world.google;
        let killed = 0;
        let killedMidReconcile = 0;
        // Connected and signed in (again: the test stands alone).
        await connect();
        await ok(['supabase', 'login', '--email', ws.email, '--password-stdin'], `${ws.password}\n`);
        for (let trial = 0; trial < 6; trial++) {
          await ok(['supabase', 'disconnect']);
          for (let i = 0; i < 8; i++) {
            const cal = seeded.calendars[Math.floor(next() * seeded.calendars.length)]!;
            const live = g.liveEvents(cal).filter((e) => !e.recurringEventId);
            if (live.length > 8) g.deleteEvent(cal, live[Math.floor(next() * live.length)]!.id!);
            if (i % 4 === 0)
              g.insertEvent(cal, {
                summary: `t${trial}-${i}`,
                start: { dateTime: '2026-07-01T09:00:00Z' },
                end: { dateTime: '2026-07-01T10:00:00Z' },
              });
            if (i % 4 === 1 && live.length > 0) g.patchEvent(cal, live[0]!.id!, { summary: `changed ${trial}-${i}` });
          }
          await ok(['sync']);
          await connect();
          const before = outboxCount(); // the backfill
          // Kill once the reconcile queued its first deletion, or at a random moment.
          const onDelete = next() < 0.75;
          // The killer stops watching once the push has ended on its own, so it
          // never reads the cache after the test has moved on (or cleaned up).
          let ended = false;
          let killer: Promise<void> = Promise.resolve();
          const res = await world.cli(['push', '--json'], {
            onSpawn: (kill) => {
              killer = (async () => {
                const deadline = Date.now() + 15_000;
                if (onDelete) while (!ended && outboxCount() <= before && Date.now() < deadline) await sleep(2);
                else await sleep(350 + Math.floor(next() * 500));
                if (!ended) setTimeout(kill, Math.floor(next() * 20));
              })();
            },
          });
          ended = true;
          await killer;
          if (res.signal === 'SIGKILL') {
            killed++;
            if (reconcilePending()) killedMidReconcile++;
          } else {
            expect(res.code, `trial ${trial} (seed ${seed}): ${res.stderr}`).toBe(0);
          }
          await sleep(TTL + 150); // a killed pusher's lock expires

          const after = await world.cli(['push', '--json']);
          expect(after.code, `trial ${trial} (seed ${seed}): ${after.stderr}`).toBe(0);
          expect(JSON.parse(after.stdout), `trial ${trial}`).toMatchObject({ pending: 0, error: null });
          expect(reconcilePending(), `trial ${trial}`).toBe(false);
          const app = world.app();
          try {
            for (const cal of seeded.calendars)
              expect(cacheView(app.store.events.list({ calendarId: cal })), `seed ${seed}`).toEqual(
                serverView(g.liveEvents(cal)),
              );
            expect(await workspaceView(ws), `trial ${trial} (seed ${seed})`).toEqual(
              cacheWorkspaceView(app.store.events.list()),
            );
            const counts = await workspaceKeyCounts(ws);
            expect(counts.keys).toBe(counts.rows);
          } finally {
            await app.close();
          }
        }
        expect(killed, `seed ${seed}`).toBeGreaterThanOrEqual(4);
        expect(killedMidReconcile, `seed ${seed}`).toBeGreaterThanOrEqual(2);
      }, 240_000);
    },
  );
}
