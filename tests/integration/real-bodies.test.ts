// Real Calendar v3 bodies (tests/fixtures/google-real, see SOURCES.md there)
// through a full and an incremental sync of the real engine (googleapis over
// HTTP against the fake, which answers the events listings with the recorded
// pages verbatim), then through the planner: a meeting declined on the user's
// own calendar but accepted on a colleague's shared one leaves its time free,
// an opaque all-day event is not planned over, a birthday is, an event whose
// end time is unspecified blocks nothing, and an impossible date is skipped.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CalsyncApp } from '../../src/main/core/app';
import { plan } from '../../src/main/core/planner';
import { buildPlanningView } from '../../src/main/core/planning/plan-input';
import { repoRoot } from '../helpers/fixtures';
import { startWorld, type World } from '../helpers/world';

const dir = path.join(repoRoot, 'tests/fixtures/google-real');
const load = (name: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
const ALLODIA = 'allodia-eu__email-calendar-sync-engine__crates_provider-google_tests_fixtures_';

const at = (iso: string) => Date.parse(iso);
/** Monday 3 August 2026, 08:00 in Amsterdam: the week of the recorded events. */
const NOW = at('2026-08-03T06:00:00Z');
const BOB = 'bob@example.test';

let world: World;
let app: CalsyncApp;

function serveEvents(calendarId: string, pages: Array<Record<string, unknown>>): void {
  for (const body of pages)
    world.google.faults.inject({
      match: { method: 'GET', path: `/calendars/${calendarId}/events` },
      times: 1,
      action: { status: 200, body },
    });
}

beforeEach(async () => {
  world = await startWorld();
  app = world.app();
  await app.api.updateSettings({
    timeZone: 'Europe/Amsterdam',
    bufferMinutes: 0,
    leadTimeMinutes: 0,
    horizonDays: 5,
    workingHours: {
      mon: [['09:00', '17:00']],
      tue: [['09:00', '17:00']],
      wed: [['09:00', '17:00']],
      thu: [['09:00', '17:00']],
      fri: [['09:00', '17:00']],
      sat: [],
      sun: [],
    },
  });
  world.google.addCalendar(world.user.email, {
    id: BOB,
    summary: 'Bob',
    accessRole: 'reader',
    timeZone: 'Europe/Amsterdam',
  });
  await world.login(app);
});
afterEach(() => world.close());

describe('real Google bodies, full then incremental sync, then the planner', () => {
  it('keeps the DESIGN shapes, decides busy time from the own copy, all-day transparency and birthdays', async () => {
    const me = world.user.email;
    const shapes = JSON.parse(readFileSync(path.join(dir, 'constructed__shapes_items.json'), 'utf8')) as unknown[];
    const declined = load(`${ALLODIA}calendar_event_organizer_declined.json`);
    // Full sync of the primary: a first page (the recorded declined meeting and the added shapes), then the recorded full listing.
    serveEvents(me, [
      {
        kind: 'calendar#events',
        timeZone: 'Europe/Amsterdam',
        accessRole: 'owner',
        items: [declined, ...shapes],
        nextPageToken: 'page-2',
      },
      load(`${ALLODIA}calendar_events_list.json`),
      load(`${ALLODIA}calendar_events_delta.json`),
    ]);
    serveEvents(BOB, [
      load('constructed__colleague_events_list.json'),
      load('northworld__google_calendar__test_mocks_empty_events.json'),
    ]);

    const full = await app.sync.request({ trigger: 'cli' });
    expect(full.status).toBe('succeeded');
    expect(full.calendars.find((c) => c.calendarId === me)).toMatchObject({ kind: 'full', skipped: 2 }); // the series master and the impossible date
    expect(world.logs.join('')).toContain('2018-02-30T07:00:00+02:00');

    const calendars = await app.api.listCalendars({});
    expect(calendars.map((c) => [c.id, c.blocksTime])).toEqual(
      expect.arrayContaining([
        [me, true],
        [BOB, false],
      ]),
    );

    const events = await app.api.listEvents({});
    expect(events.some((e) => e.id === 'impossibledate2018')).toBe(false);
    // events --json keeps its DESIGN.md §6 fields (more may follow).
    for (const e of events) {
      for (const key of [
        'account',
        'calendarId',
        'id',
        'status',
        'title',
        'allDay',
        'start',
        'end',
        'startDate',
        'endDate',
        'timeZone',
        'recurringEventId',
        'transparency',
        'eventType',
        'selfResponse',
        'updated',
      ])
        expect(e).toHaveProperty(key);
    }
    const byId = (id: string, cal = me) => events.find((e) => e.id === id && e.calendarId === cal);
    expect(byId('_gmailconcert20260806')).toMatchObject({
      endTimeUnspecified: true,
      timeZone: 'Europe/Amsterdam',
      eventType: 'fromGmail',
    });
    expect(byId('bdaybob20260804')).toMatchObject({ allDay: true, eventType: 'birthday', transparency: 'opaque' });
    expect(byId('478v4sp8glv0228najn5jq667o')).toMatchObject({
      allDay: true,
      startDate: '2026-08-05',
      transparency: 'opaque',
    });
    expect(byId('442of58a6quj2sil0gjmgnes74')).toMatchObject({ selfResponse: 'declined' });
    expect(byId('442of58a6quj2sil0gjmgnes74', BOB)).toMatchObject({ selfResponse: 'accepted' });

    // Incremental: the recorded delta (an update and a minimal tombstone), and Bob's "nothing changed" page.
    const inc = await app.sync.request({ trigger: 'cli' });
    expect(inc.status).toBe('succeeded');
    expect(inc.calendars.find((c) => c.calendarId === me)).toMatchObject({
      kind: 'incremental',
      updated: 1,
      deleted: 1,
    });
    const after = await app.api.listEvents({});
    expect(after.find((e) => e.id === 'e4n4cn7ekp59crc84vljaknin4')?.title).toBe('Fixture: single meeting (updated)');
    expect(after.some((e) => e.id === '862fgtojfi0njod4k2ll6rt8oc')).toBe(false);

    // The user lets Bob's shared calendar block time: his own meetings now count, the one the user declined still does not.
    await app.api.setCalendarBlocksTime({ calendarId: BOB, blocksTime: true });
    await app.api.addTask({
      title: 'Fill the week',
      durationMinutes: 40 * 60,
      priority: 1,
      minChunkMinutes: 15,
      maxChunkMinutes: 480,
    });
    const view = buildPlanningView(app.store, await app.api.getSettings({}), NOW);
    const out = plan(view.input);
    const used = (from: string, to: string) => out.proposals.some((p) => p.start < at(to) && p.end > at(from));
    const busy = (from: string, to: string) => view.input.busy.some((b) => b.start < at(to) && b.end > at(from));

    // Declined on the own calendar, accepted on Bob's copy: the planner uses that hour.
    expect(busy('2026-08-06T08:00:00Z', '2026-08-06T09:00:00Z')).toBe(false);
    expect(used('2026-08-06T08:00:00Z', '2026-08-06T09:00:00Z')).toBe(true);
    // The recorded all-day event carries no transparency: opaque, so its day is not planned over.
    expect(used('2026-08-04T22:00:00Z', '2026-08-05T22:00:00Z')).toBe(false);
    // A birthday never blocks; neither does an all-day event marked free.
    expect(used('2026-08-04T07:00:00Z', '2026-08-04T11:00:00Z')).toBe(true);
    expect(used('2026-08-07T07:00:00Z', '2026-08-07T15:00:00Z')).toBe(true);
    // Bob's own meeting blocks now that his calendar does.
    expect(used('2026-08-04T11:00:00Z', '2026-08-04T12:00:00Z')).toBe(false);
    // End time unspecified: nothing beyond its start is busy.
    expect(busy('2026-08-06T12:00:00Z', '2026-08-06T13:00:00Z')).toBe(false);
    expect(used('2026-08-06T12:00:00Z', '2026-08-06T13:00:00Z')).toBe(true);
    // Meetings still block: the updated single meeting (Mon 10:00-11:00).
    expect(used('2026-08-03T08:00:00Z', '2026-08-03T09:00:00Z')).toBe(false);
  });
});
