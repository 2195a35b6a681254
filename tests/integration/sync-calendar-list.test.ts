// The calendar list is fetched only when due (sync/calendar-list-due.ts), and
// an account's calendars sync a few at a time (sync/bounded.ts), against the
// fake Google: which requests the engine makes, and what the cache ends with.
import { afterEach, describe, expect, it } from 'vitest';
import type { CalsyncApp } from '../../src/main/core/app';
import { cacheView, serverView } from '../helpers/compare';
import { startWorld, type World } from '../helpers/world';

const H = 3_600_000;
let skew = 0;
const clock = { now: () => Date.now() + skew };
let world: World;
let app: CalsyncApp;
afterEach(() => world?.close());

const listRequests = (from: number) =>
  world.google.requests.slice(from).filter((r) => r.path.endsWith('/users/me/calendarList'));
const synced = (calendarId: string) =>
  expect(cacheView(app.store.events.list({ calendarId }))).toEqual(serverView(world.google.liveEvents(calendarId)));

async function setUp(calendars: number) {
  skew = 0;
  world = await startWorld({
    tuning: { calendarListIntervalMs: 6 * H },
    google: { now: clock.now, accessTokenTtlSec: 10 * 365 * 86_400 },
  });
  const ids = [world.user.email];
  for (let i = 1; i < calendars; i++)
    ids.push(world.google.addCalendar(world.user.email, { summary: `Cal ${i}`, timeZone: 'UTC' }));
  for (const [i, cal] of ids.entries())
    world.google.insertEvent(cal, {
      summary: `e${i}`,
      start: { dateTime: '2026-03-02T09:00:00Z' },
      end: { dateTime: '2026-03-02T10:00:00Z' },
    });
  app = world.app({ clock });
  await world.login(app);
  return ids;
}

describe('the calendar list, only when due', () => {
  it('is listed at the first sync, not at the next ones, again after the interval; a calendar added meanwhile comes then', async () => {
    const [primary] = await setUp(2);
    let mark = world.google.requests.length;
    expect(await app.sync.request({ trigger: 'cli' })).toMatchObject({ status: 'succeeded', kind: 'full' });
    expect(listRequests(mark)).toHaveLength(1);

    world.google.insertEvent(primary!, {
      summary: 'new',
      start: { dateTime: '2026-03-03T09:00:00Z' },
      end: { dateTime: '2026-03-03T10:00:00Z' },
    });
    const added = world.google.addCalendar(world.user.email, { summary: 'Added later', timeZone: 'UTC' });
    world.google.insertEvent(added, {
      summary: 'in the new one',
      start: { dateTime: '2026-03-04T09:00:00Z' },
      end: { dateTime: '2026-03-04T10:00:00Z' },
    });
    skew += H;
    mark = world.google.requests.length;
    expect(await app.sync.request({ trigger: 'cli' })).toMatchObject({ status: 'succeeded', kind: 'incremental' });
    expect(listRequests(mark)).toHaveLength(0);
    synced(primary!);
    expect(app.store.calendars.list().map((c) => c.id)).not.toContain(added);

    skew += 5 * H; // six hours since the listing
    mark = world.google.requests.length;
    await app.sync.request({ trigger: 'cli' });
    expect(listRequests(mark)).toHaveLength(1);
    expect(app.store.calendars.list().map((c) => c.id)).toContain(added);
    synced(added);
  });

  it('is listed again at the run after a calendar lost its sync token (410), and with sync --full', async () => {
    const [primary] = await setUp(2);
    await app.sync.request({ trigger: 'cli' });
    world.google.invalidateSyncTokens(primary!);
    let mark = world.google.requests.length;
    const run = await app.sync.request({ trigger: 'cli' });
    expect(run.calendars.find((c) => c.calendarId === primary)).toMatchObject({ kind: 'full', status: 'succeeded' });
    expect(listRequests(mark)).toHaveLength(0);
    mark = world.google.requests.length;
    await app.sync.request({ trigger: 'cli' });
    expect(listRequests(mark)).toHaveLength(1);
    mark = world.google.requests.length;
    await app.sync.request({ trigger: 'cli' });
    expect(listRequests(mark)).toHaveLength(0);
    await app.sync.request({ trigger: 'cli', full: true });
    expect(listRequests(mark)).toHaveLength(1);
  });
});

describe("an account's calendars, a few at a time", () => {
  it('lists at most 4 calendars at once, and more than one', async () => {
    const ids = await setUp(6);
    await app.sync.request({ trigger: 'cli' });
    // Every events request waits 600 ms at Google: a fifth can only start once one of the first four answered.
    world.google.faults.inject({ match: { path: /\/events$/ }, times: 6, action: { kind: 'delay', ms: 600 } });
    const mark = world.google.requests.length;
    expect(await app.sync.request({ trigger: 'cli' })).toMatchObject({ status: 'succeeded', kind: 'incremental' });
    const events = world.google.requests.slice(mark).filter((r) => r.path.endsWith('/events'));
    expect(events).toHaveLength(6);
    const t0 = events[0]!.at;
    // Never more than 4 in flight: the fifth arrived no earlier than the first answer.
    expect(events[4]!.at - t0).toBeGreaterThanOrEqual(590);
    // Concurrent at all: the second arrived before the first answered.
    expect(events[1]!.at - t0).toBeLessThan(590);
    for (const id of ids) synced(id);
  });
});
