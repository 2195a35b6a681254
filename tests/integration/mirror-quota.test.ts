// Google's per-user quota (600 requests a minute, sliding window; over it 403
// usageLimits/rateLimitExceeded) in the fake's rate-limit mode, scaled 20×
// faster so the test takes seconds: a first mirror of 1,000 events, paced
// below the quota as calsync's default pacing is (5 writes/s against 10/s),
// finishes with every mirror written once and no request refused. Without
// the write scope the rule reports a clear problem and writes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import type { CalsyncApp } from '../../src/main/core/app';
import { ADA, BOB, expectedMirrors, mirrorWorld, mirrorsAt } from '../helpers/mirror-world';
import type { World } from '../helpers/world';

const H = 3_600_000;
const DAY = 24 * H;
const iso = (ms: number) => new Date(ms).toISOString();
let world: World | undefined;
afterEach(() => world?.close());

function seed(w: World, n: number, now: number): void {
  for (let i = 0; i < n; i++) {
    const start = now + (1 + (i % 55)) * DAY + (i % 9) * H;
    w.google.insertEvent(ADA, {
      summary: `m ${i}`,
      start: { dateTime: iso(start) },
      end: { dateTime: iso(start + H) },
    });
  }
}

const rule = { showTitle: false, allDay: false, bufferBeforeMinutes: 0, bufferAfterMinutes: 0, horizonDays: 60 };

describe('busy mirroring within Google quotas', () => {
  it('a 1,000-event first mirror in the rate-limit mode: every mirror written once, no request refused', async () => {
    // 600/min (10/s) scaled 20×: 200 requests in any 1 s per user; calsync paces at half of it, as its default does.
    let app: CalsyncApp;
    ({ world, app } = await mirrorWorld({ mirrorWritesPerSecond: 100, fullBudgetMs: 120_000 }));
    const now = Date.now();
    seed(world, 1000, now);
    expect((await app.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
    world.google.rateLimit({ perUser: 200, windowMs: 1_000 });
    const r = await app.api.addMirrorRule({ from: ADA, to: BOB, ...rule });
    const before = world.google.requests.length;
    const started = Date.now();
    const run = await app.sync.request({ trigger: 'cli' });
    expect(run, JSON.stringify(run)).toMatchObject({ status: 'succeeded' });
    const ms = Date.now() - started;
    const want = expectedMirrors(world, ADA, { now, horizonDays: 60, allDay: false });
    expect(want.size).toBe(1000);
    expect(mirrorsAt(world, BOB, r.id)).toEqual(want);
    expect(world.google.rateLimited()).toBe(0);
    const view = (await app.api.listMirrorRules({})).find((x) => x.id === r.id)!;
    expect(view).toMatchObject({ mirrored: 1000, lastError: null });
    const writes = world.google.requests.slice(before).filter((q) => q.method !== 'GET' && q.path.includes(BOB));
    expect(writes.map((q) => q.status).every((s) => s === 200)).toBe(true);
    expect(writes).toHaveLength(1000);
    console.log(`1,000-event first mirror, paced: ${ms} ms, ${writes.length} writes, 0 refused`);
  }, 120_000);

  it('the same mirror unpaced meets the quota: the writes back off and retry as the sync does, none is lost', async () => {
    let app: CalsyncApp;
    // Backoff long enough to outlast a 1 s window, as Google asks of clients (exponential, with jitter).
    ({ world, app } = await mirrorWorld({
      mirrorWritesPerSecond: 1000,
      retryBaseMs: 200,
      retryMaxMs: 1_500,
      retryMaxAttempts: 8,
    }));
    const now = Date.now();
    seed(world, 300, now);
    expect((await app.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
    world.google.rateLimit({ perUser: 60, windowMs: 1_000 });
    const r = await app.api.addMirrorRule({ from: ADA, to: BOB, ...rule });
    expect((await app.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
    expect(world.google.rateLimited()).toBeGreaterThan(0);
    expect(mirrorsAt(world, BOB, r.id)).toEqual(expectedMirrors(world, ADA, { now, horizonDays: 60, allDay: false }));
    expect((await app.api.listMirrorRules({}))[0]).toMatchObject({ mirrored: 300, lastError: null });
  }, 120_000);

  it('without the write scope: a clear problem naming `calsync login --write`, nothing written, no crash', async () => {
    let app: CalsyncApp;
    ({ world, app } = await mirrorWorld(undefined, { bobWrite: false }));
    const now = Date.now();
    seed(world, 5, now);
    expect((await app.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
    const r = await app.api.addMirrorRule({ from: ADA, to: BOB, ...rule });
    const run = await app.sync.request({ trigger: 'cli' });
    expect(run.status).toBe('succeeded');
    expect(mirrorsAt(world, BOB, r.id).size).toBe(0);
    const view = (await app.api.listMirrorRules({}))[0]!;
    expect(view.lastError).toMatch(/calsync login --write/);
    const status = await app.api.status({});
    expect(JSON.stringify(status)).toMatch(/calsync login --write/);
  }, 60_000);
});
