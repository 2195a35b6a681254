// singleEvents expansion, moved and cancelled instances, and how series
// changes surface in incremental syncs.
import type { calendar_v3 } from 'googleapis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGoogle, type FakeGoogle, type GoogleEvent } from './index';
import { calendarApi, login } from './test-client';

const EMAIL = 'ada@example.test';
let fake: FakeGoogle;
let api: calendar_v3.Calendar;

beforeAll(async () => {
  fake = await startFakeGoogle({ seed: 11, now: () => Date.parse('2026-09-01T00:00:00Z') });
  fake.addUser({ email: EMAIL });
  api = calendarApi(fake, (await login(fake, { email: EMAIL })).client);
});
afterAll(() => fake.close());

async function drain(
  params: calendar_v3.Params$Resource$Events$List,
): Promise<{ items: GoogleEvent[]; syncToken: string }> {
  const items: GoogleEvent[] = [];
  let pageToken: string | undefined;
  let syncToken = '';
  do {
    const { data } = await api.events.list({ maxResults: 3, ...params, pageToken });
    items.push(...(data.items ?? []));
    pageToken = data.nextPageToken ?? undefined;
    syncToken = data.nextSyncToken ?? syncToken;
  } while (pageToken);
  return { items, syncToken };
}

function apply(cache: Map<string, GoogleEvent>, items: GoogleEvent[]): void {
  for (const it of items) {
    if (it.status === 'cancelled') cache.delete(it.id as string);
    else cache.set(it.id as string, it);
  }
}

const ams = (date: string, time: string, offset: string) => ({
  dateTime: `${date}T${time}${offset}`,
  timeZone: 'Europe/Amsterdam',
});

/** Weekly 09:30–10:00 Amsterdam from 5 Oct 2026, six times: crosses the end of DST on 25 Oct. */
function weekly(cal: string, extra: Partial<GoogleEvent> = {}): GoogleEvent {
  return fake.insertEvent(cal, {
    summary: 'Standup',
    start: ams('2026-10-05', '09:30:00', '+02:00'),
    end: ams('2026-10-05', '10:00:00', '+02:00'),
    recurrence: ['RRULE:FREQ=WEEKLY;COUNT=6'],
    ...extra,
  });
}

describe('singleEvents expansion', () => {
  it('expands into instances with Google ids, recurringEventId and originalStartTime, keeping local time across DST', async () => {
    const cal = fake.addCalendar(EMAIL, { summary: 'series', timeZone: 'Europe/Amsterdam' });
    const master = weekly(cal);
    const { items } = await drain({ calendarId: cal, singleEvents: true });
    expect(items.map((e) => e.id)).toEqual(
      [
        '20261005T073000Z',
        '20261012T073000Z',
        '20261019T073000Z',
        '20261026T083000Z',
        '20261102T083000Z',
        '20261109T083000Z',
      ].map((s) => `${master.id}_${s}`),
    );
    expect(items[3]).toMatchObject({
      recurringEventId: master.id,
      summary: 'Standup',
      iCalUID: master.iCalUID,
      start: { dateTime: '2026-10-26T09:30:00+01:00', timeZone: 'Europe/Amsterdam' },
      end: { dateTime: '2026-10-26T10:00:00+01:00', timeZone: 'Europe/Amsterdam' },
      originalStartTime: { dateTime: '2026-10-26T09:30:00+01:00', timeZone: 'Europe/Amsterdam' },
    });
    expect(items[0]?.recurrence).toBeUndefined();
    const masters = await drain({ calendarId: cal });
    expect(masters.items).toEqual([
      expect.objectContaining({ id: master.id, recurrence: ['RRULE:FREQ=WEEKLY;COUNT=6'] }),
    ]);
  });

  it('a moved instance replaces the generated one; a cancelled one disappears (or comes back cancelled with showDeleted)', async () => {
    const cal = fake.addCalendar(EMAIL, { summary: 'exceptions', timeZone: 'Europe/Amsterdam' });
    const master = weekly(cal);
    fake.moveInstance(cal, master.id as string, '2026-10-12T09:30:00+02:00', {
      summary: 'Standup (moved)',
      start: ams('2026-10-13', '15:00:00', '+02:00'),
      end: ams('2026-10-13', '15:30:00', '+02:00'),
    });
    fake.cancelInstance(cal, master.id as string, '2026-10-19T07:30:00Z');
    const live = await drain({ calendarId: cal, singleEvents: true });
    expect(live.items).toHaveLength(5);
    expect(live.items.filter((e) => e.id === `${master.id}_20261012T073000Z`)).toEqual([
      expect.objectContaining({
        summary: 'Standup (moved)',
        start: ams('2026-10-13', '15:00:00', '+02:00'),
        originalStartTime: ams('2026-10-12', '09:30:00', '+02:00'),
        recurringEventId: master.id,
      }),
    ]);
    expect(live.items.map((e) => e.id)).not.toContain(`${master.id}_20261019T073000Z`);
    expect(
      fake
        .liveEvents(cal)
        .map((e) => e.id)
        .sort(),
    ).toEqual(live.items.map((e) => e.id).sort());
    const withDeleted = await drain({ calendarId: cal, singleEvents: true, showDeleted: true });
    expect(withDeleted.items.find((e) => e.id === `${master.id}_20261019T073000Z`)).toMatchObject({
      status: 'cancelled',
      recurringEventId: master.id,
      originalStartTime: ams('2026-10-19', '09:30:00', '+02:00'),
    });
    // Documented: with singleEvents and showDeleted both false, cancelled exceptions still come back beside the master.
    const raw = await drain({ calendarId: cal });
    expect(raw.items.map((e) => [e.id, e.status]).sort()).toEqual(
      [
        [master.id, 'confirmed'],
        [`${master.id}_20261012T073000Z`, 'confirmed'],
        [`${master.id}_20261019T073000Z`, 'cancelled'],
      ].sort(),
    );
  });

  it('all-day series use date ids; EXDATE is honoured; windows select instances', async () => {
    const cal = fake.addCalendar(EMAIL, { summary: 'all-day', timeZone: 'America/New_York' });
    const m = fake.insertEvent(cal, {
      summary: 'Sprint',
      start: { date: '2026-04-20' },
      end: { date: '2026-04-22' },
      recurrence: ['RRULE:FREQ=YEARLY;COUNT=3', 'EXDATE;VALUE=DATE:20270420'],
    });
    const { items } = await drain({ calendarId: cal, singleEvents: true });
    expect(items.map((e) => [e.id, e.start?.date, e.end?.date])).toEqual([
      [`${m.id}_20260420`, '2026-04-20', '2026-04-22'],
      [`${m.id}_20280420`, '2028-04-20', '2028-04-22'],
    ]);
    expect(items[0]?.originalStartTime).toEqual({ date: '2026-04-20' });
    const windowed = await drain({ calendarId: cal, singleEvents: true, timeMin: '2028-01-01T00:00:00Z' });
    expect(windowed.items.map((e) => e.id)).toEqual([`${m.id}_20280420`]);
  });

  it('infinite series stop at the documented horizon', async () => {
    const cal = fake.addCalendar(EMAIL, { summary: 'daily', timeZone: 'UTC' });
    fake.insertEvent(cal, {
      summary: 'Daily',
      start: { dateTime: '2026-09-01T08:00:00Z' },
      end: { dateTime: '2026-09-01T08:15:00Z' },
      recurrence: ['RRULE:FREQ=DAILY'],
    });
    const items = fake.liveEvents(cal);
    expect(items).toHaveLength(365); // 1 Sep 2026 … 31 Aug 2027: the horizon is a year after the fake's start
    expect(Date.parse(items[items.length - 1]?.start?.dateTime as string)).toBeLessThanOrEqual(fake.recurrenceHorizon);
  });
});

describe('series changes in incremental syncs', () => {
  it('a cancelled instance comes as {id, recurringEventId, originalStartTime, status}', async () => {
    const cal = fake.addCalendar(EMAIL, { summary: 'inc-cancel', timeZone: 'Europe/Amsterdam' });
    const master = weekly(cal);
    const full = await drain({ calendarId: cal, singleEvents: true, showDeleted: true });
    fake.cancelInstance(cal, master.id as string, '2026-10-26T08:30:00Z');
    const inc = await drain({ calendarId: cal, singleEvents: true, showDeleted: true, syncToken: full.syncToken });
    expect(inc.items).toEqual([
      {
        kind: 'calendar#event',
        etag: expect.any(String),
        id: `${master.id}_20261026T083000Z`,
        status: 'cancelled',
        recurringEventId: master.id,
        originalStartTime: ams('2026-10-26', '09:30:00', '+01:00'),
      },
    ]);
  });

  it('editing the master surfaces every instance; shortening it cancels the dropped ones; deleting it cancels all', async () => {
    const cal = fake.addCalendar(EMAIL, { summary: 'inc-master', timeZone: 'Europe/Amsterdam' });
    const master = weekly(cal);
    fake.moveInstance(cal, master.id as string, '2026-10-05T09:30:00+02:00', {
      start: ams('2026-10-05', '11:00:00', '+02:00'),
      end: ams('2026-10-05', '11:30:00', '+02:00'),
    });
    const cache = new Map<string, GoogleEvent>();
    const full = await drain({ calendarId: cal, singleEvents: true, showDeleted: true });
    apply(cache, full.items);

    fake.patchEvent(cal, master.id as string, { summary: 'Daily standup' });
    const renamed = await drain({ calendarId: cal, singleEvents: true, showDeleted: true, syncToken: full.syncToken });
    expect(renamed.items).toHaveLength(5); // the moved exception keeps its own data
    expect(new Set(renamed.items.map((e) => e.summary))).toEqual(new Set(['Daily standup']));
    apply(cache, renamed.items);

    fake.patchEvent(cal, master.id as string, { recurrence: ['RRULE:FREQ=WEEKLY;COUNT=3'] });
    const shortened = await drain({
      calendarId: cal,
      singleEvents: true,
      showDeleted: true,
      syncToken: renamed.syncToken,
    });
    expect(shortened.items.filter((e) => e.status === 'cancelled').map((e) => e.id)).toEqual(
      ['20261026T083000Z', '20261102T083000Z', '20261109T083000Z'].map((s) => `${master.id}_${s}`),
    );
    apply(cache, shortened.items);
    expect([...cache.keys()].sort()).toEqual(
      fake
        .liveEvents(cal)
        .map((e) => e.id)
        .sort(),
    );

    fake.deleteEvent(cal, master.id as string);
    const deleted = await drain({
      calendarId: cal,
      singleEvents: true,
      showDeleted: true,
      syncToken: shortened.syncToken,
    });
    expect(deleted.items.every((e) => e.status === 'cancelled')).toBe(true);
    apply(cache, deleted.items);
    expect(cache.size).toBe(0);
    expect(fake.liveEvents(cal)).toEqual([]);
  });

  it('API writes to an instance id create exceptions, as Google does', async () => {
    const cal = fake.addCalendar(EMAIL, { summary: 'api-instances', timeZone: 'Europe/Amsterdam' });
    const master = weekly(cal);
    const id = `${master.id}_20261019T073000Z`;
    expect((await api.events.get({ calendarId: cal, eventId: id })).data).toMatchObject({
      id,
      recurringEventId: master.id,
      status: 'confirmed',
    });
    const moved = await api.events.patch({ calendarId: cal, eventId: id, requestBody: { location: 'Room 7' } });
    expect(moved.data).toMatchObject({ id, location: 'Room 7', summary: 'Standup' });
    expect((await api.events.delete({ calendarId: cal, eventId: `${master.id}_20261026T083000Z` })).status).toBe(204);
    expect(fake.liveEvents(cal).map((e) => e.id)).not.toContain(`${master.id}_20261026T083000Z`);
    expect((await api.events.get({ calendarId: cal, eventId: `${master.id}_20261026T083000Z` })).data.status).toBe(
      'cancelled',
    );
  });
});
