// A recurring series deleted at Google leaves nothing behind. With
// singleEvents=true Google sends cancelled instances for about six months
// ahead only (no master tombstone), so an incremental sync leaves the later
// instances in the cache; the periodic full listing (a week after the last,
// one calendar per run) finds and sweeps them. Time is moved for the engine
// and the fake Google together.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CalsyncApp } from '../../src/main/core/app';
import type { SyncRun } from '../../src/shared/domain';
import { cacheView, serverView } from '../helpers/compare';
import { startWorld, type World } from '../helpers/world';

const DAY = 86_400_000;
let skew = 0;
const clock = { now: () => Date.now() + skew };
let world: World;
let app: CalsyncApp;
let primary: string;
let team: string;
let seriesId: string;

beforeEach(async () => {
  skew = 0;
  world = await startWorld({
    tuning: { pageSize: 25 },
    google: { now: clock.now, accessTokenTtlSec: 10 * 365 * 86_400 },
  });
  primary = world.user.email;
  team = world.google.addCalendar(primary, { summary: 'Team', timeZone: 'Europe/Berlin' });
  const tomorrow = Math.floor(Date.now() / DAY) * DAY + DAY + 9 * 3_600_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const series = world.google.insertEvent(primary, {
    summary: 'Weekly 1:1',
    start: { dateTime: iso(tomorrow), timeZone: 'UTC' },
    end: { dateTime: iso(tomorrow + 1_800_000), timeZone: 'UTC' },
    recurrence: ['RRULE:FREQ=WEEKLY;COUNT=60'],
  });
  seriesId = series.id!;
  for (let i = 0; i < 20; i++) {
    for (const cal of [primary, team])
      world.google.insertEvent(cal, {
        summary: `Meeting ${i}`,
        start: { dateTime: iso(tomorrow + i * DAY + 3_600_000) },
        end: { dateTime: iso(tomorrow + i * DAY + 7_200_000) },
      });
  }
  app = world.app({ clock });
  await world.login(app);
});
afterEach(() => world.close());

const seriesRows = () => app.store.events.list({ calendarId: primary }).filter((e) => e.recurringEventId === seriesId);
const calendarOf = (run: SyncRun, id: string) => run.calendars.find((c) => c.calendarId === id)!;
const fullListingsOf = (from: number) =>
  world.google.requests
    .slice(from)
    .filter((r) => r.path.endsWith('/events') && !('syncToken' in r.query) && !('pageToken' in r.query));

describe('periodic full listing', () => {
  it('a deleted 60-instance weekly series of which Google sent only 26 cancelled instances is gone after the periodic full listing', async () => {
    expect(await app.sync.request({ trigger: 'cli' })).toMatchObject({ status: 'succeeded', kind: 'full' });
    expect(seriesRows()).toHaveLength(60);

    world.google.deleteEvent(primary, seriesId);
    const inc = await app.sync.request({ trigger: 'cli' });
    expect(inc).toMatchObject({ status: 'succeeded', kind: 'incremental' });
    expect(calendarOf(inc, primary)).toMatchObject({ kind: 'incremental', deleted: 26 });
    expect(seriesRows()).toHaveLength(34); // what incremental sync alone leaves behind

    // Not due yet a day later: still incremental, nothing listed in full.
    skew += DAY;
    let mark = world.google.requests.length;
    expect(await app.sync.request({ trigger: 'cli' })).toMatchObject({ kind: 'incremental' });
    expect(fullListingsOf(mark)).toEqual([]);

    // Past a week and the offset: one calendar per run is listed in full, the other syncs incrementally.
    skew += 7 * DAY;
    mark = world.google.requests.length;
    const first = await app.sync.request({ trigger: 'cli' });
    const second = await app.sync.request({ trigger: 'cli' });
    for (const run of [first, second]) {
      expect(run.status).toBe('succeeded');
      expect(run.calendars.map((c) => c.kind).sort()).toEqual(['full', 'incremental']);
    }
    expect(
      fullListingsOf(mark)
        .map((r) => decodeURIComponent(r.path.split('/')[4]!))
        .sort(),
    ).toEqual([primary, team].sort());
    const primaryListing = [first, second].map((r) => calendarOf(r, primary)).find((c) => c.kind === 'full')!;
    expect(primaryListing.deleted).toBe(34);
    expect(seriesRows()).toEqual([]);
    for (const cal of [primary, team])
      expect(cacheView(app.store.events.list({ calendarId: cal }))).toEqual(serverView(world.google.liveEvents(cal)));

    // Both listed: the next run is incremental again.
    mark = world.google.requests.length;
    expect(await app.sync.request({ trigger: 'cli' })).toMatchObject({ kind: 'incremental' });
    expect(fullListingsOf(mark)).toEqual([]);
  });

  it('a periodic full listing that fails part-way keeps the sync token; the next run lists again and sweeps', async () => {
    await app.sync.request({ trigger: 'cli' });
    world.google.deleteEvent(primary, seriesId);
    await app.sync.request({ trigger: 'cli' });
    expect(seriesRows()).toHaveLength(34);
    const tokenOf = (id: string) => app.store.calendars.list().find((c) => c.id === id)!.syncToken;
    const before = { [primary]: tokenOf(primary), [team]: tokenOf(team) };

    skew += 9 * DAY;
    // Every second page of a listing without a sync token fails, whichever calendar is listed.
    world.google.faults.inject({ match: { path: /\/events$/ }, after: 1, times: 1000, action: { status: 503 } });
    const failed = await app.sync.request({ trigger: 'cli' });
    world.google.faults.clear();
    const listed = failed.calendars.find((c) => c.kind === 'full')!;
    expect(listed).toMatchObject({ status: 'failed', deleted: 0 });
    expect(tokenOf(listed.calendarId)).toBe(before[listed.calendarId]);
    expect(seriesRows()).toHaveLength(34);

    // Still due: listed again (each run lists the most overdue first), and this time swept.
    const runs = [await app.sync.request({ trigger: 'cli' }), await app.sync.request({ trigger: 'cli' })];
    expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
    expect(seriesRows()).toEqual([]);
    for (const cal of [primary, team])
      expect(cacheView(app.store.events.list({ calendarId: cal }))).toEqual(serverView(world.google.liveEvents(cal)));
  });
});
