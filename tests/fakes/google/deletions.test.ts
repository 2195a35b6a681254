// How deletions age, as Google does it: a deleted recurring series is listed
// (singleEvents=true) as cancelled instances only for about six months past
// the delete, with no master tombstone, and tombstones of deleted events are
// listed only for a while — after that they are gone, and a sync token from
// before them gets 410 rather than silently missing the deletion.
import type { calendar_v3 } from 'googleapis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGoogle, type FakeGoogle, type GoogleEvent } from './index';
import { calendarApi, login } from './test-client';

const EMAIL = 'ada@example.test';
const DAY = 86_400_000;
let skew = 0;
let fake: FakeGoogle;
let api: calendar_v3.Calendar;

beforeAll(async () => {
  fake = await startFakeGoogle({
    seed: 4,
    now: () => Date.now() + skew,
    accessTokenTtlSec: 10 * 365 * 86_400,
    tombstoneTtlDays: 30,
    seriesDeletionWindowDays: 182,
  });
  fake.addUser({ email: EMAIL });
  api = calendarApi(fake, (await login(fake, { email: EMAIL })).client);
});
afterAll(() => fake.close());

async function drain(
  params: calendar_v3.Params$Resource$Events$List,
): Promise<{ items: GoogleEvent[]; syncToken: string }> {
  const items: GoogleEvent[] = [];
  let pageToken: string | undefined;
  for (;;) {
    const { data } = await api.events.list({ maxResults: 50, ...params, pageToken });
    items.push(...(data.items ?? []));
    pageToken = data.nextPageToken ?? undefined;
    if (!pageToken) return { items, syncToken: data.nextSyncToken as string };
  }
}

const statusOf = (p: Promise<unknown>) =>
  p.then(
    () => 200,
    (e: { response?: { status: number } }) => e.response?.status,
  );

/** A weekly series of 60 starting tomorrow at 09:00 UTC, plus one single event. */
function seed(): { cal: string; seriesId: string; single: string } {
  const cal = fake.addCalendar(EMAIL, { summary: `cal ${Math.random()}`, timeZone: 'UTC' });
  const start = new Date(Math.floor((Date.now() + skew) / DAY) * DAY + DAY + 9 * 3_600_000);
  const end = new Date(start.getTime() + 3_600_000);
  const series = fake.insertEvent(cal, {
    summary: 'Weekly',
    start: { dateTime: start.toISOString(), timeZone: 'UTC' },
    end: { dateTime: end.toISOString(), timeZone: 'UTC' },
    recurrence: ['RRULE:FREQ=WEEKLY;COUNT=60'],
  });
  const single = fake.insertEvent(cal, {
    summary: 'One-off',
    start: { dateTime: start.toISOString() },
    end: { dateTime: end.toISOString() },
  });
  return { cal, seriesId: series.id!, single: single.id! };
}

describe('deleting a recurring series (singleEvents=true)', () => {
  it('lists cancelled instances only for the first six months after the delete, and no master tombstone', async () => {
    const { cal, seriesId } = seed();
    const first = await drain({ calendarId: cal, singleEvents: true, showDeleted: true });
    expect(first.items.filter((e) => e.recurringEventId === seriesId)).toHaveLength(60);

    fake.deleteEvent(cal, seriesId);
    const delta = await drain({ calendarId: cal, singleEvents: true, showDeleted: true, syncToken: first.syncToken });
    expect(delta.items.every((e) => e.status === 'cancelled' && e.recurringEventId === seriesId)).toBe(true);
    expect(delta.items.some((e) => e.id === seriesId)).toBe(false);
    // Weekly from tomorrow: instances 0..25 start within 182 days of the delete.
    const deletedAt = Date.now() + skew;
    const expected = first.items
      .filter((e) => e.recurringEventId === seriesId && Date.parse(e.start!.dateTime!) < deletedAt + 182 * DAY)
      .map((e) => e.id);
    expect(expected).toHaveLength(26);
    expect(delta.items.map((e) => e.id).sort()).toEqual(expected.sort());

    // A full listing lists the same cancelled instances with showDeleted, and nothing of the series without.
    const full = await drain({ calendarId: cal, singleEvents: true, showDeleted: true });
    expect(
      full.items
        .filter((e) => e.recurringEventId === seriesId)
        .map((e) => e.id)
        .sort(),
    ).toEqual(expected.sort());
    expect((await drain({ calendarId: cal, singleEvents: true })).items.map((e) => e.summary)).toEqual(['One-off']);
  });
});

describe('tombstones expire', () => {
  it('after the time to live a deleted event is no longer listed, and a sync token from before its delete gets 410', async () => {
    const { cal, single } = seed();
    const before = await drain({ calendarId: cal, singleEvents: true, showDeleted: true });
    fake.deleteEvent(cal, single);
    const after = await drain({ calendarId: cal, singleEvents: true, showDeleted: true, syncToken: before.syncToken });
    expect(after.items).toMatchObject([{ id: single, status: 'cancelled' }]);
    expect(fake.getEvent(cal, single)).toMatchObject({ status: 'cancelled' });

    skew += 29 * DAY; // still inside the time to live
    expect(
      (await drain({ calendarId: cal, singleEvents: true, showDeleted: true })).items.filter((e) => e.id === single),
    ).toHaveLength(1);
    expect(
      await statusOf(drain({ calendarId: cal, singleEvents: true, showDeleted: true, syncToken: before.syncToken })),
    ).toBe(200);

    skew += 2 * DAY;
    const full = await drain({ calendarId: cal, singleEvents: true, showDeleted: true });
    expect(full.items.some((e) => e.id === single)).toBe(false);
    expect(fake.getEvent(cal, single)).toBeUndefined();
    expect(await statusOf(api.events.get({ calendarId: cal, eventId: single }))).toBe(404);
    // The token from before the delete would miss it now: 410. One issued after it is fine.
    expect(
      await statusOf(drain({ calendarId: cal, singleEvents: true, showDeleted: true, syncToken: before.syncToken })),
    ).toBe(410);
    expect(
      await statusOf(drain({ calendarId: cal, singleEvents: true, showDeleted: true, syncToken: after.syncToken })),
    ).toBe(200);
  });

  it('a cancelled instance of a live series does not expire: the series keeps omitting it', async () => {
    const { cal, seriesId } = seed();
    const listed = await drain({ calendarId: cal, singleEvents: true });
    const victim = listed.items.find((e) => e.recurringEventId === seriesId)!;
    fake.cancelInstance(cal, seriesId, victim.originalStartTime!.dateTime!);
    skew += 60 * DAY;
    const now = await drain({ calendarId: cal, singleEvents: true, showDeleted: true });
    expect(now.items.find((e) => e.id === victim.id)).toMatchObject({ status: 'cancelled' });
    expect((await drain({ calendarId: cal, singleEvents: true })).items.some((e) => e.id === victim.id)).toBe(false);
  });
});
