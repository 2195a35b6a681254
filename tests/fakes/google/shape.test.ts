// Keeps the fake honest: the keys of what it serves, compared with real Google
// bodies in ../shared/fixtures/google. Fixture values are scrubbed or edited
// (SOURCES.md), so only key sets are compared, recursively.
import type { calendar_v3 } from 'googleapis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cassetteBodies, fixture } from './fixtures';
import { startFakeGoogle, type FakeGoogle, type GoogleEvent } from './index';
import { calendarApi, login, SCOPES, tasksApi } from './test-client';

const EMAIL = 'testuser@example.test';
const F = {
  list: 'allodia-eu__email-calendar-sync-engine__crates_provider-google_tests_fixtures_calendar_events_list.json',
  delta: 'allodia-eu__email-calendar-sync-engine__crates_provider-google_tests_fixtures_calendar_events_delta.json',
  kde1: 'KDE__libkgapi__autotests_calendar_data_events_fetch_page1_response.txt',
  kde2: 'KDE__libkgapi__autotests_calendar_data_events_fetch_page2_response.txt',
  kdeCalendars: 'KDE__libkgapi__autotests_calendar_data_calendars_fetch_page1_response.txt',
  roles:
    'allodia-eu__email-calendar-sync-engine__crates_provider-google_tests_fixtures_calendar_calendars_shared_roles.json',
  calendarList: 'northworld__google_calendar__test_mocks_find_calendar_list.json',
  cancelledInstance: 'northworld__google_calendar__test_mocks_cancelled_events.json',
  emptyDelta: 'northworld__google_calendar__test_mocks_empty_events.json',
  tasks: 'KDE__libkgapi__autotests_tasks_data_tasks_fetch_page1_response.txt',
  tasklists: 'KDE__libkgapi__autotests_tasks_data_tasklists_fetch_page1_response.txt',
};

/** Every key path in a value: "items[].start.dateTime". Arrays merge their elements. */
function paths(v: unknown, prefix = ''): Set<string> {
  const out = new Set<string>();
  if (Array.isArray(v)) for (const el of v) for (const p of paths(el, `${prefix}[]`)) out.add(p);
  else if (v && typeof v === 'object') {
    for (const [k, child] of Object.entries(v)) {
      const here = prefix ? `${prefix}.${k}` : k;
      out.add(here);
      for (const p of paths(child, here)) out.add(p);
    }
  }
  return out;
}
const sorted = (s: Set<string>) => [...s].sort();
const top = (v: object) => Object.keys(v).sort();

let fake: FakeGoogle;
let api: calendar_v3.Calendar;
const items = <T>(body: unknown) => (body as { items: T[] }).items;

beforeAll(async () => {
  fake = await startFakeGoogle({ seed: 23 });
  fake.addUser({ email: EMAIL });
  fake.addCalendar(EMAIL, { primary: true, summary: EMAIL, timeZone: 'Europe/Amsterdam' });
  api = calendarApi(
    fake,
    (await login(fake, { email: EMAIL, scopes: ['openid', 'email', SCOPES.calendar, SCOPES.tasks] })).client,
  );
});
afterAll(() => fake.close());

const ams = (d: string) => ({ dateTime: d, timeZone: 'Europe/Amsterdam' });

describe('events', () => {
  it('a meeting with attendees has exactly the keys of the real one', async () => {
    const real = items<GoogleEvent>(fixture(F.list)).find(
      (e) => e.summary === 'Fixture: single meeting',
    ) as GoogleEvent;
    const { data } = await api.events.insert({
      calendarId: 'primary',
      requestBody: {
        summary: 's',
        description: 'd',
        location: 'Room 1',
        start: ams('2026-08-03T10:00:00+02:00'),
        end: ams('2026-08-03T11:00:00+02:00'),
        attendees: [{ email: EMAIL }, { email: 'guest@example.test' }],
      },
    });
    expect(sorted(paths(data))).toEqual(sorted(paths(real)));
  });

  it('an all-day event and a recurring master match theirs', async () => {
    const real = items<GoogleEvent>(fixture(F.list));
    const allDay = await api.events.insert({
      calendarId: 'primary',
      requestBody: {
        summary: 'a',
        start: { date: '2026-08-05' },
        end: { date: '2026-08-06' },
        reminders: { useDefault: false, overrides: [{ method: 'popup', minutes: 30 }] },
      },
    });
    expect(sorted(paths(allDay.data))).toEqual(sorted(paths(real.find((e) => e.summary === 'Fixture: all day'))));
    const master = await api.events.insert({
      calendarId: 'primary',
      requestBody: {
        summary: 'w',
        start: ams('2026-08-03T09:00:00+02:00'),
        end: ams('2026-08-03T09:15:00+02:00'),
        recurrence: ['RRULE:FREQ=WEEKLY;COUNT=6;BYDAY=MO'],
      },
    });
    expect(sorted(paths(master.data))).toEqual(
      sorted(paths(real.find((e) => e.summary === 'Fixture: weekly standup'))),
    );
  });

  it('an expanded instance has the keys of a real singleEvents=true instance', async () => {
    const [, , single] = cassetteBodies(
      'christianvuerings__jquery-lifestream__fixtures_pretty_vcr_recordings_Google_events.json',
    );
    const real = items<GoogleEvent>(single).find((e) => e.recurringEventId) as GoogleEvent;
    const m = fake.insertEvent(EMAIL, {
      summary: 'PHYSICS',
      location: 'LECONTE',
      start: ams('2026-08-03T09:00:00+02:00'),
      end: ams('2026-08-03T10:00:00+02:00'),
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=2'],
    });
    const inst = items<GoogleEvent>(
      (await api.events.list({ calendarId: 'primary', singleEvents: true, iCalUID: m.iCalUID as string })).data,
    )[0] as GoogleEvent;
    // The 2012 recording predates eventType, its placeholders dropped start/end timeZone, and its
    // account had a profile name (displayName); the 2026 captures above show none for the owner.
    const want = new Set([...paths(real), 'eventType', 'start.timeZone', 'end.timeZone']);
    for (const p of ['creator.displayName', 'organizer.displayName']) want.delete(p);
    expect(sorted(paths(inst))).toEqual(sorted(want));
  });

  it('tombstones: a deleted event and a cancelled instance in an incremental page', async () => {
    const full = await api.events.list({
      calendarId: 'primary',
      singleEvents: true,
      showDeleted: true,
      maxResults: 2500,
    });
    const single = fake.insertEvent(EMAIL, {
      summary: 'x',
      start: ams('2026-08-04T10:00:00+02:00'),
      end: ams('2026-08-04T11:00:00+02:00'),
    });
    // Zone-less times, like the series the fixture's instance came from.
    const m = fake.insertEvent(EMAIL, {
      summary: 'r',
      start: { dateTime: '2026-08-04T12:00:00+02:00' },
      end: { dateTime: '2026-08-04T13:00:00+02:00' },
      recurrence: ['RRULE:FREQ=DAILY;COUNT=3'],
    });
    const mid = await api.events.list({
      calendarId: 'primary',
      singleEvents: true,
      showDeleted: true,
      syncToken: full.data.nextSyncToken as string,
    });
    fake.deleteEvent(EMAIL, single.id as string);
    fake.cancelInstance(EMAIL, m.id as string, '2026-08-05T12:00:00+02:00');
    const { data } = await api.events.list({
      calendarId: 'primary',
      singleEvents: true,
      showDeleted: true,
      syncToken: mid.data.nextSyncToken as string,
    });
    const [tomb, cancelledInstance] = items<GoogleEvent>(data);
    const realTomb = items<GoogleEvent>(fixture(F.delta)).find((e) => e.status === 'cancelled') as GoogleEvent;
    expect(top(tomb as object)).toEqual(top(realTomb));
    expect(sorted(paths(cancelledInstance))).toEqual(sorted(paths(fixture(F.cancelledInstance))));
    expect(top(data)).toEqual(top(fixture(F.delta) as object));
  });
});

describe('envelopes', () => {
  it('events pages: primary (with description) and a secondary calendar with paging', async () => {
    const primary = (await api.events.list({ calendarId: 'primary', maxResults: 2500 })).data;
    expect(top(primary)).toEqual(top(fixture(F.list) as object));
    const cal = fake.addCalendar(EMAIL, { summary: 'MockAccount', timeZone: 'Europe/Prague' });
    fake.insertEvent(cal, { summary: 'a', start: { date: '2018-04-20' }, end: { date: '2018-04-21' } });
    fake.insertEvent(cal, { summary: 'b', start: { date: '2018-04-21' }, end: { date: '2018-04-22' } });
    const p1 = (await api.events.list({ calendarId: cal, maxResults: 1 })).data;
    expect(top(p1)).toEqual(top(fixture(F.kde1) as object));
    const p2 = (await api.events.list({ calendarId: cal, maxResults: 1, pageToken: p1.nextPageToken as string })).data;
    const kde2 = fixture<Record<string, unknown>>(F.kde2);
    expect(top(p2)).toEqual([...top(kde2), 'nextSyncToken'].sort()); // the KDE capture was not a sync listing
    const empty = (await api.events.list({ calendarId: cal, syncToken: p2.nextSyncToken as string })).data;
    expect(top(empty)).toEqual([...top(fixture(F.emptyDelta) as object)].filter((k) => k !== 'description').sort());
  });

  it("calendarList: envelope, the owner's primary entry and a writer's shared entry", async () => {
    fake.addUser({ email: 'sharer@example.test' });
    const sharedId = fake.addCalendar('sharer@example.test', { summary: 'probe', timeZone: 'UTC' });
    fake.addCalendar(EMAIL, { id: sharedId, summary: 'probe', accessRole: 'writer' });
    const { data } = await api.calendarList.list();
    expect(top(data)).toEqual(top(fixture(F.calendarList) as object));
    const paged = (await api.calendarList.list({ maxResults: 1 })).data;
    expect(top(paged)).toEqual(top(fixture(F.kdeCalendars) as object));
    const writer = items<Record<string, unknown>>(fixture(F.roles)).find((e) => e.accessRole === 'writer') as object;
    expect(sorted(paths(data.items?.find((e) => e.id === sharedId)))).toEqual(sorted(paths(writer)));
    // The 2015 primary entry predates selected and conferenceProperties.
    const primaryReal = items<Record<string, unknown>>(fixture(F.calendarList)).find((e) => e.primary) as object;
    const want = new Set([
      ...paths(primaryReal),
      'selected',
      'conferenceProperties',
      'conferenceProperties.allowedConferenceSolutionTypes',
    ]);
    expect(sorted(paths(data.items?.find((e) => e.primary)))).toEqual(sorted(want));
  });
});

describe('errors', () => {
  const envelope = async (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: { response?: { data: unknown } }) => e.response?.data,
    );
  it.each([
    ['404', 'christianvuerings__jquery-lifestream__fixtures_pretty_vcr_recordings_Google_events_delete.json'],
    [
      '410 fullSyncRequired',
      'allodia-eu__email-calendar-sync-engine__crates_provider-google_tests_fixtures_error_sync_token_gone.json',
    ],
    ['401', 'allodia-eu__email-calendar-sync-engine__crates_provider-google_tests_fixtures_error_unauthorized.json'],
    ['409', 'northworld__google_calendar__test_mocks_409.json'],
  ])('%s has the real envelope keys', async (name, file) => {
    let body: unknown;
    if (name === '404') body = await envelope(api.events.get({ calendarId: 'primary', eventId: 'nope0nope0' }));
    if (name === '401')
      body = await (
        await fetch(`${fake.baseUrl}calendar/v3/users/me/calendarList`, { headers: { Authorization: 'Bearer nope' } })
      ).json();
    if (name === '409') {
      await api.events.insert({
        calendarId: 'primary',
        requestBody: { id: 'shape0dup0', start: { date: '2026-01-01' }, end: { date: '2026-01-02' } },
      });
      body = await envelope(
        api.events.insert({
          calendarId: 'primary',
          requestBody: { id: 'shape0dup0', start: { date: '2026-01-01' }, end: { date: '2026-01-02' } },
        }),
      );
    }
    if (name.startsWith('410')) {
      const t = (await api.events.list({ calendarId: 'primary', maxResults: 2500 })).data.nextSyncToken as string;
      fake.invalidateSyncTokens(EMAIL);
      body = await envelope(api.events.list({ calendarId: 'primary', syncToken: t }));
    }
    const real = name === '404' ? cassetteBodies(file)[0] : fixture(file);
    // Captures from before Google added the gRPC `status` lack it; the fake sends the modern envelope.
    expect(sorted(paths(body)).filter((p) => p !== 'error.status')).toEqual(
      sorted(paths(real)).filter((p) => p !== 'error.status'),
    );
  });
});

describe('tasks', () => {
  it('tasks and task lists carry the real keys (plus webViewLink, documented since)', async () => {
    const tasks = tasksApi(fake, (await login(fake, { email: EMAIL, scopes: [SCOPES.tasks] })).client);
    const list = fake.addTaskList(EMAIL, 'Todo');
    for (let i = 0; i < 21; i++)
      fake.addTask(list, { title: 'Test Task', notes: 'done', status: 'completed', due: '2016-03-23T00:00:00.000Z' });
    const { data } = await tasks.tasks.list({ tasklist: list });
    expect(top(data)).toEqual(top(fixture(F.tasks) as object));
    const realTask = items<object>(fixture(F.tasks))[0] as object;
    expect(top(data.items?.[0] as object)).toEqual([...top(realTask), 'webViewLink'].sort());
    const lists = (await tasks.tasklists.list({ maxResults: 1 })).data;
    expect(top(lists)).toEqual(top(fixture(F.tasklists) as object));
    // The 2018 capture's list items have no etag; the v1 schema documents one and Google sends it today.
    expect(top(lists.items?.[0] as object)).toEqual(
      [...top(items<object>(fixture(F.tasklists))[0] as object), 'etag'].sort(),
    );
  });
});
