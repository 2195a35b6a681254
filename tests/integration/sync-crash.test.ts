// A sync process SIGKILLed at random points (mid-page, mid-transaction, while
// waiting on Google) never loses or duplicates anything: the next run ends with
// the cache equal to the server, the lock recovered, the killed run interrupted.
import Database from 'better-sqlite3';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheView, serverView } from '../helpers/compare';
import { seedAccount, type Seeded } from '../helpers/seed';
import { startWorld, type World } from '../helpers/world';

let world: World;
let seeded: Seeded;
const TTL = 800;

beforeAll(async () => {
  world = await startWorld({ tuning: { pageSize: 5, lockTtlMs: TTL, heartbeatMs: 150 } });
  seeded = seedAccount(world.google, world.user.email, { perCalendar: 25 });
  const app = world.app();
  await world.login(app);
  await app.close();
  // Slow pages so kills land inside the run, not before or after it.
  world.google.faults.inject({ match: { path: /\/events$/ }, times: Infinity, action: { kind: 'delay', ms: 25 } });
});
afterAll(() => world.close());

const db = () => new Database(path.join(world.home, 'calsync.db'), { readonly: true });

function mutateServer(rand: () => number, step: number) {
  const g = world.google;
  const cal = seeded.calendars[Math.floor(rand() * seeded.calendars.length)]!;
  const live = g.liveEvents(cal).filter((e) => !e.recurringEventId);
  g.insertEvent(cal, {
    summary: `trial ${step}`,
    start: { dateTime: `2026-06-${String(1 + (step % 28)).padStart(2, '0')}T09:00:00Z` },
    end: { dateTime: `2026-06-${String(1 + (step % 28)).padStart(2, '0')}T10:00:00Z` },
  });
  if (live.length > 5) {
    g.patchEvent(cal, live[Math.floor(rand() * live.length)]!.id!, { summary: `changed ${step}` });
    g.deleteEvent(cal, live[Math.floor(rand() * live.length)]!.id!);
  }
  if (rand() < 0.2) g.invalidateSyncTokens(cal);
}

async function killWhen(requests: number, extraMs: number, kill: () => void) {
  const start = world.google.requests.length;
  const deadline = Date.now() + 20_000;
  while (world.google.requests.length - start < requests && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 2));
  setTimeout(kill, extraMs);
}

describe('crash safety', () => {
  it('survives SIGKILL at random points over 24 trials', async () => {
    const seed = Date.now() % 100_000;
    const rand = fc.sample(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { seed, numRuns: 200 });
    let r = 0;
    const next = () => rand[r++ % rand.length]!;
    const killed: number[] = [];
    for (let trial = 0; trial < 24; trial++) {
      mutateServer(next, trial);
      // Kill after a random number of Google requests of this run, plus a random
      // few milliseconds: between pages, inside a page's transaction, mid-request.
      const killAtRequest = 1 + Math.floor(next() * 22);
      const extraMs = Math.floor(next() * 30);
      const res = await world.cli(['sync', '--json'], {
        onSpawn: (kill) => void killWhen(killAtRequest, extraMs, kill),
      });
      if (res.signal === 'SIGKILL') killed.push(trial);
      else expect([0, 3], `trial ${trial} (seed ${seed}): ${res.stderr}`).toContain(res.code);
      await new Promise((resolve) => setTimeout(resolve, TTL + 100)); // let a dead holder's lease expire
    }
    expect(killed.length, `seed ${seed}`).toBeGreaterThanOrEqual(10);

    const final = await world.cli(['sync', '--json']);
    expect(final.code, final.stderr).toBe(0);
    const run = JSON.parse(final.stdout);
    expect(run.status).toBe('succeeded');

    const conn = db();
    try {
      const rows = conn.prepare('SELECT account_id, calendar_id, id, title, status FROM events').all() as Array<{
        calendar_id: string;
        id: string;
      }>;
      const keys = rows.map((x) => `${x.calendar_id}/${x.id}`);
      expect(new Set(keys).size).toBe(keys.length);
      const running = conn.prepare("SELECT count(*) AS n FROM sync_runs WHERE status = 'running'").get() as {
        n: number;
      };
      expect(running.n).toBe(0);
      const interrupted = conn.prepare("SELECT count(*) AS n FROM sync_runs WHERE status = 'interrupted'").get() as {
        n: number;
      };
      expect(interrupted.n, `seed ${seed}`).toBeGreaterThanOrEqual(1);
      const live = conn.prepare('SELECT count(*) AS n FROM locks WHERE expires_at > ?').get(Date.now()) as {
        n: number;
      };
      expect(live.n).toBe(0);
    } finally {
      conn.close();
    }
    const app = world.app();
    for (const cal of seeded.calendars)
      expect(cacheView(app.store.events.list({ calendarId: cal })), `seed ${seed}`).toEqual(
        serverView(world.google.liveEvents(cal)),
      );
    await app.close();
  }, 240_000);
});

describe('concurrency', () => {
  it('two sync processes started together: exactly one does the work, the other exits 3', async () => {
    await new Promise((resolve) => setTimeout(resolve, TTL + 100));
    world.google.invalidateSyncTokens(); // make the pass long: a full listing
    const before = world.google.requests.length;
    const [a, b] = await Promise.all([world.cli(['sync', '--json']), world.cli(['sync', '--json'])]);
    expect([a.code, b.code].sort()).toEqual([0, 3]);
    const loser = a.code === 3 ? a : b;
    expect(JSON.parse(loser.stdout)).toMatchObject({ status: 'skipped' });
    expect(loser.stderr).toMatch(/another calsync process is syncing/);
    // The winner listed each calendar once in full (after its 410): no work was done twice.
    const firstPages = world.google.requests
      .slice(before)
      .filter((r) => r.path.endsWith('/events') && !('syncToken' in r.query) && !('pageToken' in r.query));
    expect(firstPages.map((r) => r.path).sort()).toEqual(
      seeded.calendars.map((c) => `/calendar/v3/calendars/${c}/events`).sort(),
    );
  }, 60_000);
});

describe('a crashed holder on this host', () => {
  it('SIGKILL of `calsync sync` mid-listing, then an immediate `sync`: exit 0, the killed run interrupted, long before the lease would expire', async () => {
    // A lease of a minute: an immediate sync that succeeds cannot be the expiry rule.
    const w = await startWorld({ tuning: { pageSize: 5, lockTtlMs: 60_000, heartbeatMs: 200 } });
    try {
      seedAccount(w.google, w.user.email, { perCalendar: 25 });
      const app = w.app();
      await w.login(app);
      await app.close();
      w.google.faults.inject({ match: { path: /\/events$/ }, times: Infinity, action: { kind: 'delay', ms: 40 } });
      const start = w.google.requests.length;
      const killed = await w.cli(['sync', '--json'], {
        onSpawn: (kill) => {
          // Killed once it is a few pages into the first calendar, so it holds the account's lease.
          const poll = setInterval(() => {
            if (w.google.requests.slice(start).filter((r) => r.path.endsWith('/events')).length >= 3) {
              clearInterval(poll);
              kill();
            }
          }, 2);
        },
      });
      expect(killed.signal).toBe('SIGKILL');
      const conn = new Database(path.join(w.home, 'calsync.db'), { readonly: true });
      const held = conn.prepare('SELECT * FROM locks').get() as { run_id: number; expires_at: number };
      conn.close();
      expect(held.expires_at).toBeGreaterThan(Date.now() + 30_000);

      const t0 = Date.now();
      const next = await w.cli(['sync', '--json']);
      expect(next.code, next.stderr).toBe(0);
      expect(JSON.parse(next.stdout)).toMatchObject({ status: 'succeeded' });
      expect(Date.now() - t0).toBeLessThan(30_000);
      const runs = JSON.parse((await w.cli(['runs', '--json'])).stdout) as Array<{ id: number; status: string }>;
      expect(runs.find((r) => r.id === held.run_id)).toMatchObject({ status: 'interrupted' });
    } finally {
      await w.close();
    }
  }, 60_000);
});
