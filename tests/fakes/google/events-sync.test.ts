// events.list paging, sync tokens, 410, tombstones and filters, through googleapis.
import type { calendar_v3 } from 'googleapis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from './fixtures';
import { startFakeGoogle, type FakeGoogle, type GoogleEvent } from './index';
import { calendarApi, login } from './test-client';

const EMAIL = 'ada@example.test';
let fake: FakeGoogle;
let api: calendar_v3.Calendar;

beforeAll(async () => {
  fake = await startFakeGoogle({ seed: 3 });
  fake.addUser({ email: EMAIL });
  api = calendarApi(fake, (await login(fake, { email: EMAIL })).client);
});
afterAll(() => fake.close());

function newCalendar(n: number, tz = 'Europe/Amsterdam'): string {
  const cal = fake.addCalendar(EMAIL, { summary: `cal ${Math.random()}`, timeZone: tz });
  for (let i = 0; i < n; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    fake.insertEvent(cal, {
      summary: `e${i}`,
      start: { dateTime: `2026-08-${day}T10:00:00+02:00` },
      end: { dateTime: `2026-08-${day}T11:00:00+02:00` },
    });
  }
  return cal;
}

interface Drained {
  pages: calendar_v3.Schema$Events[];
  items: GoogleEvent[];
  syncToken: string;
}

async function drain(params: calendar_v3.Params$Resource$Events$List): Promise<Drained> {
  const pages: calendar_v3.Schema$Events[] = [];
  let pageToken: string | undefined;
  do {
    const { data } = await api.events.list({ ...params, pageToken });
    pages.push(data);
    pageToken = data.nextPageToken ?? undefined;
  } while (pageToken);
  return {
    pages,
    items: pages.flatMap((p) => p.items ?? []),
    syncToken: pages[pages.length - 1]?.nextSyncToken as string,
  };
}

/** What a correct client does with pages: upsert, delete cancelled. */
function apply(cache: Map<string, GoogleEvent>, items: GoogleEvent[]): void {
  for (const it of items) {
    if (it.status === 'cancelled') cache.delete(it.id as string);
    else cache.set(it.id as string, it);
  }
}

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: { response?: { status: number; data: { error: { errors: Array<{ reason: string; location?: string }> } } } }) =>
      e.response,
  );

describe('paging', () => {
  it('default page is 250; nextPageToken on every page but the last, nextSyncToken only on the last', async () => {
    const cal = newCalendar(600);
    const d = await drain({ calendarId: cal });
    expect(d.pages.map((p) => p.items?.length)).toEqual([250, 250, 100]);
    expect(d.pages.map((p) => [Boolean(p.nextPageToken), Boolean(p.nextSyncToken)])).toEqual([
      [true, false],
      [true, false],
      [false, true],
    ]);
    expect(new Set(d.items.map((e) => e.id)).size).toBe(600);
    expect(d.items.map((e) => e.id).sort()).toEqual(
      fake
        .liveEvents(cal)
        .map((e) => e.id)
        .sort(),
    );
  });

  it('maxResults is capped at 2500; below 1 is a 400', async () => {
    const cal = newCalendar(2501);
    const d = await drain({ calendarId: cal, maxResults: 5000 });
    expect(d.pages.map((p) => p.items?.length)).toEqual([2500, 1]);
    expect((await errorOf(api.events.list({ calendarId: cal, maxResults: 0 })))?.status).toBe(400);
  });

  it('a page token is bound to its query', async () => {
    const cal = newCalendar(5);
    const first = await api.events.list({ calendarId: cal, maxResults: 2 });
    const err = await errorOf(
      api.events.list({
        calendarId: cal,
        maxResults: 2,
        singleEvents: true,
        pageToken: first.data.nextPageToken as string,
      }),
    );
    expect(err?.status).toBe(400);
  });

  it('the envelope has the real fields', async () => {
    const cal = newCalendar(1);
    const { data } = await api.events.list({ calendarId: cal });
    expect(data).toMatchObject({
      kind: 'calendar#events',
      timeZone: 'Europe/Amsterdam',
      accessRole: 'owner',
      defaultReminders: [],
    });
    expect(data.etag).toMatch(/^"p3/);
    expect(data.updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});

describe('sync tokens', () => {
  it('returns exactly what changed since the token, deletions as minimal tombstones', async () => {
    const cal = newCalendar(30);
    const full = await drain({ calendarId: cal, singleEvents: true, showDeleted: true });
    const [a, b, c] = fake.liveEvents(cal) as [GoogleEvent, GoogleEvent, GoogleEvent];
    const added = fake.insertEvent(cal, { summary: 'new', start: { date: '2026-08-10' }, end: { date: '2026-08-11' } });
    fake.patchEvent(cal, a.id as string, { summary: 'changed' });
    fake.deleteEvent(cal, b.id as string);
    fake.patchEvent(cal, c.id as string, { location: 'Room 1' });
    fake.patchEvent(cal, c.id as string, { location: 'Room 2' });
    const inc = await drain({ calendarId: cal, singleEvents: true, showDeleted: true, syncToken: full.syncToken });
    expect(inc.items.map((e) => e.id).sort()).toEqual([a.id, b.id, c.id, added.id].sort());
    const tomb = inc.items.find((e) => e.id === b.id);
    expect(tomb).toEqual({
      kind: 'calendar#event',
      etag: expect.stringMatching(/^"\d+"$/),
      id: b.id,
      status: 'cancelled',
    });
    expect(inc.items.find((e) => e.id === c.id)?.location).toBe('Room 2');
    const nothing = await api.events.list({
      calendarId: cal,
      singleEvents: true,
      showDeleted: true,
      syncToken: inc.syncToken,
    });
    expect(nothing.data.items).toEqual([]);
    expect(nothing.data.nextSyncToken).toBeTruthy();
    expect(nothing.data.nextPageToken).toBeUndefined();
  });

  it('deletions come back even with showDeleted=false', async () => {
    const cal = newCalendar(3);
    const full = await drain({ calendarId: cal });
    const gone = fake.liveEvents(cal)[0] as GoogleEvent;
    fake.deleteEvent(cal, gone.id as string);
    const inc = await drain({ calendarId: cal, syncToken: full.syncToken });
    expect(inc.items).toEqual([expect.objectContaining({ id: gone.id, status: 'cancelled' })]);
  });

  it('incremental results page too, with the sync token only on the last page', async () => {
    const cal = newCalendar(300);
    const full = await drain({ calendarId: cal, maxResults: 2500 });
    for (const e of fake.liveEvents(cal)) fake.patchEvent(cal, e.id as string, { description: 'x' });
    const inc = await drain({ calendarId: cal, maxResults: 100, syncToken: full.syncToken });
    expect(inc.pages.map((p) => [p.items?.length, Boolean(p.nextPageToken), Boolean(p.nextSyncToken)])).toEqual([
      [100, true, false],
      [100, true, false],
      [100, false, true],
    ]);
  });

  it.each([
    'timeMin',
    'timeMax',
    'updatedMin',
    'orderBy',
    'q',
    'iCalUID',
    'privateExtendedProperty',
    'sharedExtendedProperty',
  ])('refuses %s with a syncToken (400)', async (param) => {
    const cal = newCalendar(1);
    const full = await drain({ calendarId: cal, singleEvents: true });
    const value =
      param.startsWith('time') || param === 'updatedMin'
        ? '2026-01-01T00:00:00Z'
        : param === 'orderBy'
          ? 'updated'
          : param.endsWith('Property')
            ? 'k=v'
            : 'x';
    const err = await errorOf(
      api.events.list({ calendarId: cal, singleEvents: true, syncToken: full.syncToken, [param]: value }),
    );
    expect(err?.status).toBe(400);
    expect(err?.data.error.errors[0]?.location).toBe(param);
  });

  it('invalidated tokens answer 410 fullSyncRequired with the real body; a new full sync recovers', async () => {
    const cal = newCalendar(3);
    const full = await drain({ calendarId: cal });
    fake.invalidateSyncTokens(cal);
    const err = await errorOf(api.events.list({ calendarId: cal, syncToken: full.syncToken }));
    expect(err?.status).toBe(410);
    expect(err?.data).toEqual(
      fixture(
        'allodia-eu__email-calendar-sync-engine__crates_provider-google_tests_fixtures_error_sync_token_gone.json',
      ),
    );
    const again = await drain({ calendarId: cal });
    expect((await api.events.list({ calendarId: cal, syncToken: again.syncToken })).status).toBe(200);
  });

  it('nothing is lost when the calendar changes while a full sync is paging', async () => {
    const cal = newCalendar(50);
    const cache = new Map<string, GoogleEvent>();
    const first = await api.events.list({ calendarId: cal, maxResults: 20, singleEvents: true, showDeleted: true });
    apply(cache, first.data.items ?? []);
    const live = fake.liveEvents(cal);
    fake.patchEvent(cal, live[0]?.id as string, { summary: 'edited after page 1' });
    fake.deleteEvent(cal, live[45]?.id as string);
    fake.insertEvent(cal, { summary: 'late', start: { date: '2026-08-20' }, end: { date: '2026-08-21' } });
    const rest = await drain({
      calendarId: cal,
      maxResults: 20,
      singleEvents: true,
      showDeleted: true,
      pageToken: first.data.nextPageToken as string,
    });
    apply(cache, rest.items);
    fake.patchEvent(cal, live[1]?.id as string, { summary: 'edited after the sync' });
    apply(
      cache,
      (await drain({ calendarId: cal, singleEvents: true, showDeleted: true, syncToken: rest.syncToken })).items,
    );
    const want = fake.liveEvents(cal);
    expect([...cache.keys()].sort()).toEqual(want.map((e) => e.id).sort());
    for (const e of want) expect(cache.get(e.id as string)?.summary).toBe(e.summary);
  });
});

describe('filters', () => {
  it('showDeleted includes cancelled events with their details in a full listing', async () => {
    const cal = newCalendar(3);
    const gone = fake.liveEvents(cal)[0] as GoogleEvent;
    fake.deleteEvent(cal, gone.id as string);
    expect((await drain({ calendarId: cal })).items.map((e) => e.id)).not.toContain(gone.id);
    const withDeleted = (await drain({ calendarId: cal, showDeleted: true })).items.find((e) => e.id === gone.id);
    expect(withDeleted).toMatchObject({ status: 'cancelled', summary: gone.summary, start: gone.start });
  });

  it('timeMin/timeMax select by overlap: end > timeMin and start < timeMax', async () => {
    const cal = fake.addCalendar(EMAIL, { summary: 'window', timeZone: 'UTC' });
    const mk = (summary: string, s: string, e: string) =>
      fake.insertEvent(cal, { summary, start: { dateTime: s }, end: { dateTime: e } });
    mk('ends at min', '2026-08-01T08:00:00Z', '2026-08-01T10:00:00Z');
    mk('spans min', '2026-08-01T09:00:00Z', '2026-08-01T11:00:00Z');
    mk('inside', '2026-08-01T12:00:00Z', '2026-08-01T13:00:00Z');
    mk('starts at max', '2026-08-01T18:00:00Z', '2026-08-01T19:00:00Z');
    fake.insertEvent(cal, { summary: 'all day', start: { date: '2026-08-01' }, end: { date: '2026-08-02' } });
    const d = await drain({ calendarId: cal, timeMin: '2026-08-01T10:00:00Z', timeMax: '2026-08-01T18:00:00Z' });
    expect(d.items.map((e) => e.summary).sort()).toEqual(['all day', 'inside', 'spans min']);
    expect(
      (
        await errorOf(
          api.events.list({ calendarId: cal, timeMin: '2026-08-02T00:00:00Z', timeMax: '2026-08-01T00:00:00Z' }),
        )
      )?.status,
    ).toBe(400);
    expect((await errorOf(api.events.list({ calendarId: cal, timeMin: '2026-08-02T00:00:00' })))?.status).toBe(400);
  });

  it('updatedMin returns what changed since, deletions included', async () => {
    const cal = newCalendar(4);
    const [a, b] = fake.liveEvents(cal) as [GoogleEvent, GoogleEvent];
    await new Promise((r) => setTimeout(r, 5));
    const since = new Date().toISOString();
    fake.patchEvent(cal, a.id as string, { summary: 'new title' });
    fake.deleteEvent(cal, b.id as string);
    const d = await drain({ calendarId: cal, updatedMin: since });
    expect(d.items.map((e) => [e.id, e.status]).sort()).toEqual(
      [
        [a.id, 'confirmed'],
        [b.id, 'cancelled'],
      ].sort(),
    );
  });

  it('orderBy=startTime needs singleEvents and sorts; q and extended properties filter', async () => {
    const cal = fake.addCalendar(EMAIL, { summary: 'sorted', timeZone: 'UTC' });
    fake.insertEvent(cal, {
      summary: 'later lunch',
      start: { dateTime: '2026-08-02T12:00:00Z' },
      end: { dateTime: '2026-08-02T13:00:00Z' },
      extendedProperties: { private: { calsync: 'block' } },
    });
    fake.insertEvent(cal, {
      summary: 'early breakfast',
      start: { dateTime: '2026-08-01T07:00:00Z' },
      end: { dateTime: '2026-08-01T08:00:00Z' },
    });
    expect((await errorOf(api.events.list({ calendarId: cal, orderBy: 'startTime' })))?.status).toBe(400);
    const sorted = await drain({ calendarId: cal, orderBy: 'startTime', singleEvents: true });
    expect(sorted.items.map((e) => e.summary)).toEqual(['early breakfast', 'later lunch']);
    expect((await drain({ calendarId: cal, q: 'LUNCH' })).items.map((e) => e.summary)).toEqual(['later lunch']);
    expect(
      (await drain({ calendarId: cal, privateExtendedProperty: ['calsync=block'] })).items.map((e) => e.summary),
    ).toEqual(['later lunch']);
  });

  it('fields trims the response like a partial response', async () => {
    const cal = newCalendar(2);
    const { data } = await api.events.list({ calendarId: cal, fields: 'items(id,start/dateTime),nextSyncToken' });
    expect(Object.keys(data).sort()).toEqual(['items', 'nextSyncToken']);
    expect(Object.keys(data.items?.[0] ?? {}).sort()).toEqual(['id', 'start']);
    expect(Object.keys(data.items?.[0]?.start ?? {})).toEqual(['dateTime']);
  });
});
