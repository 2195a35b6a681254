import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CalsyncApp } from '../../src/main/core/app';
import { cacheView, serverView } from '../helpers/compare';
import { seedAccount, type Seeded } from '../helpers/seed';
import { startWorld, type World } from '../helpers/world';

let world: World;
let app: CalsyncApp;
let seeded: Seeded;

function expectCacheEqualsServer() {
  for (const cal of seeded.calendars) {
    expect(cacheView(app.store.events.list({ calendarId: cal })), cal).toEqual(
      serverView(world.google.liveEvents(cal)),
    );
  }
}

beforeEach(async () => {
  world = await startWorld({ tuning: { pageSize: 10 } });
  seeded = seedAccount(world.google, world.user.email);
  app = world.app();
  await world.login(app);
});
afterEach(() => world.close());

describe('sync Google → cache', () => {
  it('full sync over several pages per calendar, then incremental changes, leaves the cache equal to the server', async () => {
    const first = await app.sync.request({ trigger: 'cli' });
    expect(first).toMatchObject({ status: 'succeeded', kind: 'full' });
    expect(first.calendars).toHaveLength(3);
    for (const c of first.calendars) expect(c.pages).toBeGreaterThan(2);
    expectCacheEqualsServer();

    const events = app.store.events.list();
    expect(events.find((e) => e.title === 'Weekly sync (moved)')).toMatchObject({ recurringEventId: seeded.seriesId });
    expect(events.filter((e) => e.recurringEventId === seeded.seriesId)).toHaveLength(7); // 8 − 1 cancelled
    expect(events.find((e) => e.title === 'Offsite')).toMatchObject({
      allDay: true,
      startDate: '2026-03-28',
      endDate: '2026-03-31',
      start: null,
    });
    expect(events.find((e) => e.title === 'Focus (free)')).toMatchObject({ transparency: 'transparent' });
    expect(events.find((e) => e.title === 'Declined review')).toMatchObject({ selfResponse: 'declined' });

    // Changes on the server while we are away.
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
    world.google.deleteEvent(priv, world.google.liveEvents(priv)[0]!.id!);
    world.google.cancelInstance(primary, seeded.seriesId, '2026-03-23T09:00:00.000Z');

    const second = await app.sync.request({ trigger: 'cli' });
    expect(second).toMatchObject({ status: 'succeeded', kind: 'incremental' });
    const totals = second.calendars.reduce(
      (a, c) => ({ i: a.i + c.inserted, u: a.u + c.updated, d: a.d + c.deleted }),
      { i: 0, u: 0, d: 0 },
    );
    expect(totals).toEqual({ i: 1, u: 2, d: 3 });
    expectCacheEqualsServer();

    // Deleting a whole series removes every instance from the cache.
    world.google.deleteEvent(primary, seeded.seriesId);
    expect((await app.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
    expect(app.store.events.list().filter((e) => e.recurringEventId === seeded.seriesId)).toEqual([]);
    expectCacheEqualsServer();
  });

  it('an invalidated sync token (410) leads to a full resync that removes what was deleted meanwhile', async () => {
    await app.sync.request({ trigger: 'cli' });
    const [primary, team] = seeded.calendars as [string, string, string];
    const gone = world.google
      .liveEvents(team)
      .slice(0, 4)
      .map((e) => e.id!);
    for (const id of gone) world.google.deleteEvent(team, id);
    world.google.insertEvent(primary, {
      summary: 'After 410',
      start: { dateTime: '2026-04-03T09:00:00Z' },
      end: { dateTime: '2026-04-03T09:30:00Z' },
    });
    world.google.invalidateSyncTokens();

    const run = await app.sync.request({ trigger: 'cli' });
    expect(run).toMatchObject({ status: 'succeeded', kind: 'full' });
    expect(run.calendars.find((c) => c.calendarId === team)).toMatchObject({ kind: 'full', deleted: 4 });
    expectCacheEqualsServer();
    for (const id of gone) expect(app.store.events.list({ calendarId: team }).some((e) => e.id === id)).toBe(false);
    // Full listing was requested without a syncToken after the 410.
    const lists = world.google.requests.filter((r) => r.path.endsWith('/events'));
    expect(lists.some((r) => r.status === 410)).toBe(true);
  });

  it('sends Google the documented parameters: full with showDeleted+singleEvents, incremental with the token only', async () => {
    await app.sync.request({ trigger: 'cli' });
    world.google.requests.length = 0;
    await app.sync.request({ trigger: 'cli' });
    const incremental = world.google.requests.filter((r) => r.path.endsWith('/events'));
    expect(incremental.length).toBe(3);
    for (const r of incremental) {
      expect(r.query).toMatchObject({ singleEvents: 'true', showDeleted: 'true', maxResults: '10' });
      expect(r.query.syncToken).toBeTruthy();
      expect(r.query.timeMin).toBeUndefined();
    }
  });

  it('a disabled calendar is not synced and its events leave the cache; enabling it brings them back', async () => {
    await app.sync.request({ trigger: 'cli' });
    const team = seeded.calendars[1]!;
    await app.api.setCalendarEnabled({ calendarId: team, enabled: false });
    expect(app.store.events.list({ calendarId: team })).toEqual([]);
    const run = await app.sync.request({ trigger: 'cli' });
    expect(run.calendars.map((c) => c.calendarId)).not.toContain(team);
    await app.api.setCalendarEnabled({ calendarId: team, enabled: true });
    const again = await app.sync.request({ trigger: 'cli' });
    expect(again.calendars.find((c) => c.calendarId === team)).toMatchObject({ kind: 'full' });
    expectCacheEqualsServer();
  });
});
