import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CalsyncApp } from '../../src/main/core/app';
import { cacheView, serverView } from '../helpers/compare';
import { seedAccount, type Seeded } from '../helpers/seed';
import { startWorld, type World } from '../helpers/world';

let world: World;
let app: CalsyncApp;
let seeded: Seeded;

beforeEach(async () => {
  world = await startWorld({ tuning: { pageSize: 10 } });
  seeded = seedAccount(world.google, world.user.email);
  app = world.app();
  await world.login(app);
});
afterEach(() => world.close());

const events = { method: 'GET', path: /\/events$/ };

function expectCacheEqualsServer() {
  for (const cal of seeded.calendars)
    expect(cacheView(app.store.events.list({ calendarId: cal }))).toEqual(serverView(world.google.liveEvents(cal)));
}

describe('sync under faults', () => {
  it('rides out rate limits, 5xx, resets, timeouts and malformed JSON within the retry bounds', async () => {
    const { faults } = world.google;
    faults.inject({ match: events, after: 1, action: { status: 429, retryAfter: 1 } });
    faults.inject({ match: events, after: 2, action: { status: 403, reason: 'rateLimitExceeded' } });
    faults.inject({ match: events, after: 3, action: { status: 403, reason: 'userRateLimitExceeded' } });
    faults.inject({ match: events, after: 4, action: { status: 503 } });
    faults.inject({ match: events, after: 5, times: 2, action: { status: 500 } });
    faults.inject({ match: events, after: 6, action: { kind: 'reset' } });
    faults.inject({ match: events, after: 7, action: { kind: 'malformed-json' } });
    faults.inject({ match: events, after: 8, action: { kind: 'hang' } });
    const run = await app.sync.request({ trigger: 'cli' });
    expect(run.error).toBeNull();
    expect(run.status).toBe('succeeded');
    expect(run.retries).toBeGreaterThanOrEqual(9);
    expectCacheEqualsServer();
    // Retry-After: 1 was honoured: the retry came at least a second later.
    // (Calendars sync a few at a time: the retry is the next request for the same calendar.)
    const r429 = world.google.requests.findIndex((r) => r.status === 429);
    const limited = world.google.requests[r429]!;
    const retry = world.google.requests.slice(r429 + 1).find((r) => r.path === limited.path)!;
    expect(retry.at - limited.at).toBeGreaterThanOrEqual(990);
  });

  it('a permanent 500 fails the run with a clear message and leaves the token and cache untouched', async () => {
    await app.sync.request({ trigger: 'cli' });
    const before = { events: app.store.events.list(), tokens: app.store.calendars.list().map((c) => c.syncToken) };
    world.google.insertEvent(seeded.calendars[0]!, {
      summary: 'unseen',
      start: { dateTime: '2026-05-01T09:00:00Z' },
      end: { dateTime: '2026-05-01T10:00:00Z' },
    });
    world.google.faults.inject({ match: events, times: Infinity, action: { status: 500 } });
    const run = await app.sync.request({ trigger: 'cli' });
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/events\.list \(gave up after 6 attempts\) failed \(HTTP 500 backendError\)/);
    expect(run.calendars.every((c) => c.status === 'failed')).toBe(true);
    expect(app.store.events.list()).toEqual(before.events);
    expect(app.store.calendars.list().map((c) => c.syncToken)).toEqual(before.tokens);
    expect(app.store.calendars.list()[0]!.lastError).toMatch(/HTTP 500/);

    world.google.faults.clear();
    expect((await app.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
    expectCacheEqualsServer();
  });

  it('a 410 in the middle of paging a full listing restarts the listing and still converges', async () => {
    world.google.faults.inject({ match: events, after: 2, action: { kind: 'sync-token-gone' } });
    const run = await app.sync.request({ trigger: 'cli' });
    expect(run.status).toBe('succeeded');
    expectCacheEqualsServer();
  });

  it('a run that exhausts its time budget fails cleanly and says so', async () => {
    await world.close();
    world = await startWorld({ tuning: { pageSize: 10, fullBudgetMs: 400, requestTimeoutMs: 300 } });
    seeded = seedAccount(world.google, world.user.email);
    app = world.app();
    await world.login(app);
    world.google.faults.inject({ match: events, times: Infinity, action: { kind: 'delay', ms: 150 } });
    const run = await app.sync.request({ trigger: 'cli' });
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/time budget/);
    expect(app.store.calendars.list().every((c) => c.syncToken === null)).toBe(true);
    expect(app.store.runs.list({ status: 'running' })).toEqual([]);
  });

  it('a rejected refresh token puts the account in needs-login and stops calling Google for it', async () => {
    await app.sync.request({ trigger: 'cli' });
    world.google.revokeUser(world.user.email);
    world.google.expireAccessTokens();
    const run = await app.sync.request({ trigger: 'cli' });
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/sign in again/);
    expect(app.store.accounts.list()[0]).toMatchObject({ status: 'needs-login' });
    const calls = world.google.requests.length;
    const next = await app.sync.request({ trigger: 'cli' });
    expect(next.error).toMatch(/needs to sign in again/);
    expect(world.google.requests.length).toBe(calls);

    // Signing in again resumes incremental sync from the stored tokens.
    await world.login(app);
    const resumed = await app.sync.request({ trigger: 'cli' });
    expect(resumed).toMatchObject({ status: 'succeeded', kind: 'incremental' });
  });
});
