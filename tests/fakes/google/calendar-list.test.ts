// calendarList.list and freeBusy.query, through googleapis.
import type { calendar_v3 } from 'googleapis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGoogle, type FakeGoogle } from './index';
import { calendarApi, login } from './test-client';

const EMAIL = 'ada@example.test';
let fake: FakeGoogle;
let api: calendar_v3.Calendar;

beforeAll(async () => {
  fake = await startFakeGoogle({ seed: 13 });
  fake.addUser({ email: EMAIL });
  api = calendarApi(fake, (await login(fake, { email: EMAIL })).client);
});
afterAll(() => fake.close());

describe('calendarList.list', () => {
  it('every user has a primary calendar named after their email; added calendars follow', async () => {
    fake.addCalendar(EMAIL, { primary: true, summary: 'Ada Lovelace', timeZone: 'Europe/London' });
    const shared = fake.addCalendar(EMAIL, { summary: 'Shared', accessRole: 'writer', backgroundColor: '#cd74e6' });
    const { data } = await api.calendarList.list();
    expect(data.kind).toBe('calendar#calendarList');
    expect(data.items?.[0]).toMatchObject({
      kind: 'calendar#calendarListEntry',
      id: EMAIL,
      summary: 'Ada Lovelace',
      timeZone: 'Europe/London',
      primary: true,
      accessRole: 'owner',
      defaultReminders: [{ method: 'popup', minutes: 30 }],
    });
    expect(data.items?.[1]).toMatchObject({
      id: shared,
      summary: 'Shared',
      accessRole: 'writer',
      backgroundColor: '#cd74e6',
    });
    expect(data.items?.[1]?.primary).toBeUndefined();
    expect(data.nextSyncToken).toBeTruthy();
  });

  it('pages at 100 by default and at most 250', async () => {
    fake.addUser({ email: 'many@example.test' });
    for (let i = 0; i < 300; i++) fake.addCalendar('many@example.test', { summary: `c${i}` });
    const many = calendarApi(fake, (await login(fake, { email: 'many@example.test' })).client);
    const sizes: number[] = [];
    let pageToken: string | undefined;
    let last: calendar_v3.Schema$CalendarList | undefined;
    do {
      last = (await many.calendarList.list({ pageToken })).data;
      sizes.push(last.items?.length ?? 0);
      pageToken = last.nextPageToken ?? undefined;
    } while (pageToken);
    expect(sizes).toEqual([100, 100, 100, 1]);
    expect(last.nextSyncToken).toBeTruthy();
    expect((await many.calendarList.list({ maxResults: 1000 })).data.items).toHaveLength(250);
  });

  it('hidden calendars need showHidden; minAccessRole filters; a sync token returns what changed', async () => {
    const hidden = fake.addCalendar(EMAIL, { summary: 'Hidden', hidden: true, accessRole: 'reader' });
    expect((await api.calendarList.list()).data.items?.map((c) => c.id)).not.toContain(hidden);
    expect((await api.calendarList.list({ showHidden: true })).data.items?.map((c) => c.id)).toContain(hidden);
    expect(
      (await api.calendarList.list({ minAccessRole: 'writer', showHidden: true })).data.items?.map((c) => c.id),
    ).not.toContain(hidden);
    const token = (await api.calendarList.list({ showHidden: true })).data.nextSyncToken as string;
    const added = fake.addCalendar(EMAIL, { summary: 'New' });
    expect((await api.calendarList.list({ syncToken: token })).data.items?.map((c) => c.id)).toEqual([added]);
    await expect(api.calendarList.list({ syncToken: token, minAccessRole: 'owner' })).rejects.toMatchObject({
      status: 400,
    });
  });
});

describe('freeBusy.query', () => {
  it('returns merged busy spans of opaque, confirmed, not-declined events, clipped to the window', async () => {
    const cal = fake.addCalendar(EMAIL, { summary: 'fb', timeZone: 'UTC' });
    const ev = (summary: string, s: string, e: string, extra = {}) =>
      fake.insertEvent(cal, {
        summary,
        start: { dateTime: `2026-08-03T${s}:00Z` },
        end: { dateTime: `2026-08-03T${e}:00Z` },
        ...extra,
      });
    ev('a', '08:00', '09:00');
    ev('b overlaps a', '08:30', '09:30');
    ev('free', '10:00', '11:00', { transparency: 'transparent' });
    ev('declined', '11:00', '12:00', { attendees: [{ email: EMAIL, self: true, responseStatus: 'declined' }] });
    const gone = ev('deleted', '12:00', '13:00');
    fake.deleteEvent(cal, gone.id as string);
    ev('late', '16:00', '19:00');
    fake.insertEvent(cal, {
      summary: 'weekly',
      start: { dateTime: '2026-07-27T14:00:00Z' },
      end: { dateTime: '2026-07-27T14:30:00Z' },
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=3'],
    });
    const { data } = await api.freebusy.query({
      requestBody: {
        timeMin: '2026-08-03T00:00:00Z',
        timeMax: '2026-08-03T18:00:00Z',
        items: [{ id: cal }, { id: 'nobody@example.test' }],
      },
    });
    expect(data.kind).toBe('calendar#freeBusy');
    expect(data.calendars?.[cal]?.busy).toEqual([
      { start: '2026-08-03T08:00:00Z', end: '2026-08-03T09:30:00Z' },
      { start: '2026-08-03T14:00:00Z', end: '2026-08-03T14:30:00Z' },
      { start: '2026-08-03T16:00:00Z', end: '2026-08-03T18:00:00Z' },
    ]);
    expect(data.calendars?.['nobody@example.test']).toEqual({
      errors: [{ domain: 'global', reason: 'notFound' }],
      busy: [],
    });
  });

  it('refuses an empty range', async () => {
    await expect(
      api.freebusy.query({
        requestBody: { timeMin: '2026-08-03T10:00:00Z', timeMax: '2026-08-03T10:00:00Z', items: [] },
      }),
    ).rejects.toMatchObject({ status: 400 });
  });
});
