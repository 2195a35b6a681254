// Google keeps a deleted event's tombstone (status "cancelled") only for a
// while. Once it is gone, an incremental sync with a token from before the
// delete gets 410 Gone ("the sync token is invalidated … perform a full
// sync", Google's sync guide), and the full listing — showDeleted=true or
// not — no longer mentions the event at all. The only way the cache learns of
// that delete is the sweep after the full listing: whatever the listing did
// not contain goes. The fake Google expires tombstones after
// `tombstoneTtlDays` (Google does not document the duration; a short one here
// puts the 410 ahead of the weekly periodic listing, so the 410 path is what
// runs). The oracle is the fake's own live events, compared field by field.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CalsyncApp } from '../../src/main/core/app';
import { cacheView, serverView } from '../helpers/compare';
import { startWorld, type World } from '../helpers/world';

const DAY = 86_400_000;
let skew = 0;
const clock = { now: () => Date.now() + skew };
let world: World;
let app: CalsyncApp;
let cal: string;

beforeEach(async () => {
  skew = 0;
  world = await startWorld({
    tuning: { pageSize: 7 },
    google: { now: clock.now, accessTokenTtlSec: 10 * 365 * 86_400, tombstoneTtlDays: 2 },
  });
  cal = world.user.email;
  const base = Math.floor(Date.now() / DAY) * DAY + 10 * DAY;
  for (let i = 0; i < 20; i++)
    world.google.insertEvent(cal, {
      summary: `Meeting ${i}`,
      start: { dateTime: new Date(base + i * DAY).toISOString() },
      end: { dateTime: new Date(base + i * DAY + 3_600_000).toISOString() },
    });
  app = world.app({ clock });
  await world.login(app);
});
afterEach(() => world.close());

const cached = () => cacheView(app.store.events.list({ calendarId: cal }));
const server = () => serverView(world.google.liveEvents(cal));
const eventLists = (from: number) => world.google.requests.slice(from).filter((r) => r.path.endsWith('/events'));

describe('deletions whose tombstones Google has already dropped', () => {
  it('an incremental sync gets 410, and the full sync that follows sweeps the events it no longer lists', async () => {
    expect(await app.sync.request({ trigger: 'cli' })).toMatchObject({ status: 'succeeded', kind: 'full' });
    expect(cached()).toHaveLength(20);

    const gone = world.google
      .liveEvents(cal)
      .slice(3, 6)
      .map((e) => e.id!);
    for (const id of gone) world.google.deleteEvent(cal, id);
    const kept = world.google.liveEvents(cal)[0]!;
    world.google.patchEvent(cal, kept.id!, { summary: 'Renamed while away' });

    // Three days later the tombstones have expired: nothing in any listing says these three were deleted.
    skew += 3 * DAY;
    const mark = world.google.requests.length;
    const run = await app.sync.request({ trigger: 'cli' });

    const lists = eventLists(mark);
    expect(lists[0]).toMatchObject({ status: 410 });
    expect(lists[0]!.query).toHaveProperty('syncToken');
    const relisted = lists.slice(1);
    expect(relisted.length).toBeGreaterThan(1); // paged, so the sweep waits for the last page
    for (const r of relisted) expect(r.query).not.toHaveProperty('syncToken');
    // The precondition that makes the sweep necessary: Google no longer mentions the deleted events.
    for (const id of gone) expect(world.google.getEvent(cal, id)).toBeUndefined();

    expect(run).toMatchObject({ status: 'succeeded' });
    expect(run.calendars.find((c) => c.calendarId === cal)).toMatchObject({ kind: 'full', deleted: 3 });
    expect(cached()).toEqual(server());
    expect(cached()).toHaveLength(17);
    for (const id of gone) expect(app.store.events.list({ calendarId: cal }).some((e) => e.id === id)).toBe(false);

    // The new token works again: the next run is incremental and changes nothing.
    const next = await app.sync.request({ trigger: 'cli' });
    expect(next).toMatchObject({ status: 'succeeded', kind: 'incremental' });
    expect(next.calendars.find((c) => c.calendarId === cal)).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
    expect(cached()).toEqual(server());
  });

  it('an offline month: the periodic full listing meets no tombstones either, and still sweeps', async () => {
    await app.sync.request({ trigger: 'cli' });
    const gone = world.google
      .liveEvents(cal)
      .slice(0, 2)
      .map((e) => e.id!);
    for (const id of gone) world.google.deleteEvent(cal, id);
    world.google.insertEvent(cal, {
      summary: 'Added while away',
      start: { dateTime: new Date(Date.now() + 40 * DAY).toISOString() },
      end: { dateTime: new Date(Date.now() + 40 * DAY + 1_800_000).toISOString() },
    });

    skew += 31 * DAY;
    const run = await app.sync.request({ trigger: 'cli' });
    expect(run).toMatchObject({ status: 'succeeded' });
    expect(run.calendars.find((c) => c.calendarId === cal)).toMatchObject({ kind: 'full', inserted: 1, deleted: 2 });
    expect(cached()).toEqual(server());
    expect(cached()).toHaveLength(19);
  });
});
