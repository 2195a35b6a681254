// events.insert/get/patch/update/delete semantics, through googleapis.
import type { calendar_v3 } from 'googleapis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from './fixtures';
import { startFakeGoogle, type FakeGoogle, type GoogleEvent } from './index';
import { calendarApi, login } from './test-client';

const EMAIL = 'ada@example.test';
let fake: FakeGoogle;
let api: calendar_v3.Calendar;
let cal: string;

beforeAll(async () => {
  fake = await startFakeGoogle({ seed: 5 });
  fake.addUser({ email: EMAIL });
  cal = fake.addCalendar(EMAIL, { summary: 'Work', timeZone: 'Europe/Amsterdam' });
  api = calendarApi(fake, (await login(fake, { email: EMAIL })).client);
});
afterAll(() => fake.close());

type ErrorResponse = {
  status: number;
  data: { error: { code: number; message: string; errors: Array<Record<string, string>> } };
};
const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: { response?: ErrorResponse }) => e.response,
  );
const body = (summary = 'Meeting'): GoogleEvent => ({
  summary,
  start: { dateTime: '2026-08-03T08:00:00Z', timeZone: 'Europe/Amsterdam' },
  end: { dateTime: '2026-08-03T09:00:00Z', timeZone: 'Europe/Amsterdam' },
});
/** The fixture's envelope minus `status`, which old captures predate. */
const legacy = (name: string) => fixture<{ error: Record<string, unknown> }>(name).error;

describe('insert', () => {
  it('fills what the server fills, and writes times in the event zone', async () => {
    const { data } = await api.events.insert({ calendarId: cal, requestBody: body() });
    expect(data).toMatchObject({
      kind: 'calendar#event',
      status: 'confirmed',
      summary: 'Meeting',
      sequence: 0,
      eventType: 'default',
      reminders: { useDefault: true },
      creator: { email: EMAIL, self: true },
      organizer: { email: cal, displayName: 'Work', self: true },
      start: { dateTime: '2026-08-03T10:00:00+02:00', timeZone: 'Europe/Amsterdam' },
    });
    expect(data.id).toMatch(/^[a-v0-9]{26}$/);
    expect(data.iCalUID).toBe(`${data.id}@google.com`);
    expect(data.etag).toMatch(/^"\d{16}"$/);
    expect(data.updated).toMatch(/\.\d{3}Z$/);
    expect(data.htmlLink).toMatch(/^https:\/\/www\.google\.com\/calendar\/event\?eid=/);
  });

  it('client ids must be base32hex, 5–1024 characters', async () => {
    expect(
      (await api.events.insert({ calendarId: cal, requestBody: { ...body(), id: 'calsvnc0block0001' } })).data.id,
    ).toBe('calsvnc0block0001');
    // 'y' is outside base32hex (a–v): an easy mistake for a client minting ids.
    expect(
      (await errorOf(api.events.insert({ calendarId: cal, requestBody: { ...body(), id: 'calsync0block0001' } })))
        ?.status,
    ).toBe(400);
    for (const id of ['abcd', 'Upper0case0id', 'has_underscore', 'wxyz0', 'a'.repeat(1025)]) {
      expect((await errorOf(api.events.insert({ calendarId: cal, requestBody: { ...body(), id } })))?.status).toBe(400);
    }
  });

  it('an id that exists, even deleted, is a 409 duplicate', async () => {
    await api.events.insert({ calendarId: cal, requestBody: { ...body(), id: 'dup0event0001' } });
    const err = await errorOf(api.events.insert({ calendarId: cal, requestBody: { ...body(), id: 'dup0event0001' } }));
    expect(err?.status).toBe(409);
    expect(err?.data.error).toMatchObject(legacy('northworld__google_calendar__test_mocks_409.json'));
    await api.events.delete({ calendarId: cal, eventId: 'dup0event0001' });
    expect(
      (await errorOf(api.events.insert({ calendarId: cal, requestBody: { ...body(), id: 'dup0event0001' } })))?.status,
    ).toBe(409);
  });

  it('refuses what Google refuses', async () => {
    const cases: GoogleEvent[] = [
      { start: { dateTime: '2026-08-03T10:00:00Z' } },
      { start: { dateTime: '2026-08-03T10:00:00Z' }, end: { dateTime: '2026-08-03T09:00:00Z' } },
      { start: { date: '2026-08-03' }, end: { dateTime: '2026-08-03T09:00:00Z' } },
      { start: { dateTime: '2026-08-03T10:00:00' }, end: { dateTime: '2026-08-03T11:00:00' } },
      {
        start: { dateTime: '2026-08-03T10:00:00', timeZone: 'Mars/Olympus' },
        end: { dateTime: '2026-08-03T11:00:00', timeZone: 'Mars/Olympus' },
      },
    ];
    for (const requestBody of cases)
      expect((await errorOf(api.events.insert({ calendarId: cal, requestBody })))?.status).toBe(400);
  });

  it('keeps event types, transparency, attendees and private extended properties', async () => {
    const { data } = await api.events.insert({
      calendarId: cal,
      requestBody: {
        ...body('Focus'),
        eventType: 'focusTime',
        transparency: 'transparent',
        attendees: [{ email: EMAIL, responseStatus: 'declined' }, { email: 'bob@example.test' }],
        extendedProperties: { private: { calsync: 'block', taskId: 't1' } },
      },
    });
    expect(data).toMatchObject({
      eventType: 'focusTime',
      transparency: 'transparent',
      extendedProperties: { private: { calsync: 'block', taskId: 't1' } },
    });
    expect(data.attendees).toEqual([
      { email: EMAIL, responseStatus: 'declined', self: true },
      { email: 'bob@example.test', responseStatus: 'needsAction' },
    ]);
  });
});

describe('get, patch, update, delete', () => {
  it('every write changes the etag and updated; a reschedule bumps sequence; nested objects merge', async () => {
    const { data: a } = await api.events.insert({
      calendarId: cal,
      requestBody: { ...body(), extendedProperties: { private: { one: '1' } } },
    });
    const { data: b } = await api.events.patch({
      calendarId: cal,
      eventId: a.id as string,
      requestBody: { extendedProperties: { private: { two: '2' } } },
    });
    expect(b.etag).not.toBe(a.etag);
    expect(b.extendedProperties?.private).toEqual({ one: '1', two: '2' });
    expect(b.sequence).toBe(0);
    const { data: c } = await api.events.patch({
      calendarId: cal,
      eventId: a.id as string,
      requestBody: { end: { dateTime: '2026-08-03T11:30:00+02:00' } },
    });
    expect(c.sequence).toBe(1);
    expect(Date.parse(c.updated as string)).toBeGreaterThanOrEqual(Date.parse(b.updated as string));
    expect(c.etag).not.toBe(b.etag);
  });

  it('update (PUT) replaces the resource', async () => {
    const { data: a } = await api.events.insert({
      calendarId: cal,
      requestBody: { ...body(), location: 'Room 1', description: 'd' },
    });
    const { data: b } = await api.events.update({
      calendarId: cal,
      eventId: a.id as string,
      requestBody: body('Renamed'),
    });
    expect(b).toMatchObject({ id: a.id, summary: 'Renamed', iCalUID: a.iCalUID, created: a.created });
    expect(b.location).toBeUndefined();
    expect(b.description).toBeUndefined();
  });

  it('If-Match guards patch and delete with 412 conditionNotMet', async () => {
    const { data: a } = await api.events.insert({ calendarId: cal, requestBody: body() });
    const ok = await api.events.patch(
      { calendarId: cal, eventId: a.id as string, requestBody: { summary: 'x' } },
      { headers: { 'If-Match': a.etag as string } },
    );
    const stale = await errorOf(
      api.events.patch(
        { calendarId: cal, eventId: a.id as string, requestBody: { summary: 'y' } },
        { headers: { 'If-Match': a.etag as string } },
      ),
    );
    expect(stale?.status).toBe(412);
    expect(stale?.data.error).toEqual(legacy('northworld__google_calendar__test_mocks_412.json'));
    expect(
      (
        await errorOf(
          api.events.delete(
            { calendarId: cal, eventId: a.id as string },
            { headers: { 'If-Match': a.etag as string } },
          ),
        )
      )?.status,
    ).toBe(412);
    expect(
      (
        await api.events.delete(
          { calendarId: cal, eventId: a.id as string },
          { headers: { 'If-Match': ok.data.etag as string } },
        )
      ).status,
    ).toBe(204);
  });

  it('delete: 204, then 410 deleted; get of a deleted event is 200 cancelled; unknown ids are 404', async () => {
    const { data: a } = await api.events.insert({ calendarId: cal, requestBody: body() });
    const del = await api.events.delete({ calendarId: cal, eventId: a.id as string });
    expect(del.status).toBe(204);
    expect(del.data).toBe('');
    const again = await errorOf(api.events.delete({ calendarId: cal, eventId: a.id as string }));
    expect(again?.status).toBe(410);
    expect(again?.data.error).toEqual(legacy('northworld__google_calendar__test_mocks_410.json'));
    expect((await api.events.get({ calendarId: cal, eventId: a.id as string })).data).toMatchObject({
      id: a.id,
      status: 'cancelled',
      summary: 'Meeting',
    });
    const missing = await errorOf(api.events.get({ calendarId: cal, eventId: 'nope0nope0' }));
    expect(missing?.status).toBe(404);
    const cassette = fixture<{
      http_interactions: Array<{ response: { body: { debug_json: { error: Record<string, unknown> } } } }>;
    }>('christianvuerings__jquery-lifestream__fixtures_pretty_vcr_recordings_Google_events_delete.json');
    expect(missing?.data.error).toMatchObject(
      cassette.http_interactions[0]?.response.body.debug_json.error as Record<string, unknown>,
    );
    expect((await errorOf(api.events.delete({ calendarId: cal, eventId: 'nope0nope0' })))?.status).toBe(404);
  });
});

describe('calendars and access', () => {
  it('ids with "@" and "#" round-trip through the client; readers cannot write', async () => {
    const holidays = fake.addCalendar(EMAIL, {
      id: 'en.usa#holiday@group.v.calendar.google.com',
      summary: 'Holidays',
      accessRole: 'reader',
    });
    fake.insertEvent(holidays, {
      summary: 'Labor Day',
      start: { date: '2026-09-07' },
      end: { date: '2026-09-08' },
      transparency: 'transparent',
    });
    const { data } = await api.events.list({ calendarId: holidays });
    expect(data.accessRole).toBe('reader');
    expect(data.items?.map((e) => e.summary)).toEqual(['Labor Day']);
    const err = await errorOf(api.events.insert({ calendarId: holidays, requestBody: body() }));
    expect(err?.status).toBe(403);
    expect(err?.data.error.errors[0]?.reason).toBe('requiredAccessLevel');
  });

  it('a calendar not in the caller\'s list is 404; "primary" is the caller\'s own', async () => {
    fake.addUser({ email: 'bob@example.test' });
    const bobs = fake.addCalendar('bob@example.test', { summary: 'Bob only' });
    expect((await errorOf(api.events.list({ calendarId: bobs })))?.status).toBe(404);
    const ev = fake.insertEvent(EMAIL, body('on primary'));
    expect((await api.events.get({ calendarId: 'primary', eventId: ev.id as string })).data.summary).toBe('on primary');
  });

  it('a freeBusyReader sees only times', async () => {
    const fb = fake.addCalendar(EMAIL, { summary: 'busy only', accessRole: 'freeBusyReader' });
    fake.insertEvent(fb, { ...body('secret'), location: 'hidden' });
    const { data } = await api.events.list({ calendarId: fb });
    expect(Object.keys(data.items?.[0] ?? {}).sort()).toEqual(['end', 'etag', 'id', 'kind', 'start', 'status']);
  });
});
