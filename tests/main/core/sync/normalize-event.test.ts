import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeEvent } from '../../../../src/main/core/sync/normalize-event';
import { fixtureItems, loadFixture } from '../../../helpers/fixtures';

const timed = (over: Record<string, unknown> = {}) => ({
  kind: 'calendar#event',
  id: 'abc123',
  status: 'confirmed',
  summary: 'Standup',
  start: { dateTime: '2026-03-29T09:00:00+02:00', timeZone: 'Europe/Berlin' },
  end: { dateTime: '2026-03-29T09:15:00+02:00', timeZone: 'Europe/Berlin' },
  etag: '"1"',
  updated: '2026-03-01T10:00:00.000Z',
  ...over,
});

describe('normalizeEvent', () => {
  it('stores timed events as UTC instants and keeps the zone', () => {
    const n = normalizeEvent(timed(), 'UTC');
    expect(n.kind).toBe('upsert');
    if (n.kind !== 'upsert') return;
    expect(new Date(n.row.startMs!).toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(new Date(n.row.endMs!).toISOString()).toBe('2026-03-29T07:15:00.000Z');
    expect(n.row).toMatchObject({
      allDay: false,
      startDate: null,
      timeZone: 'Europe/Berlin',
      transparency: 'opaque',
      eventType: 'default',
    });
  });

  it('keeps all-day events as dates with an exclusive end', () => {
    const n = normalizeEvent(
      { id: 'day1', start: { date: '2026-03-28' }, end: { date: '2026-03-30' } },
      'Europe/Berlin',
    );
    expect(n).toMatchObject({
      kind: 'upsert',
      row: { allDay: true, startDate: '2026-03-28', endDate: '2026-03-30', startMs: null, endMs: null },
    });
  });

  it('places a wall time without offset in the event zone, across the DST gap', () => {
    const n = normalizeEvent(
      timed({
        start: { dateTime: '2026-03-29T03:30:00', timeZone: 'Europe/Berlin' },
        end: { dateTime: '2026-03-29T04:00:00', timeZone: 'Europe/Berlin' },
      }),
      null,
    );
    expect(n.kind === 'upsert' && new Date(n.row.startMs!).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('turns cancelled entries, minimal tombstones included, into deletions', () => {
    for (const item of fixtureItems('calendar_events_delta.json').filter(
      (i) => (i as { status?: string }).status === 'cancelled',
    )) {
      expect(normalizeEvent(item, null).kind).toBe('delete');
    }
    expect(normalizeEvent(loadFixture('test_mocks_cancelled_events.json'), null)).toMatchObject({ kind: 'delete' });
  });

  it('reads moved instances of a series and skips a master that carries recurrence', () => {
    const [master, moved] = fixtureItems('calendar_events_series_with_overrides.json');
    expect(normalizeEvent(master, null)).toMatchObject({ kind: 'skip', reason: expect.stringContaining('master') });
    expect(normalizeEvent(moved, null)).toMatchObject({
      kind: 'upsert',
      row: {
        recurringEventId: 'evt-series-1',
        originalStart: '2026-09-14T07:30:00.000Z',
        title: 'Moved to the afternoon',
      },
    });
  });

  it('records the self response, transparency and event type', () => {
    const declined = loadFixture('calendar_event_organizer_declined.json');
    expect(normalizeEvent(declined, null)).toMatchObject({ kind: 'upsert', row: { selfResponse: 'declined' } });
    expect(normalizeEvent(timed({ transparency: 'transparent', eventType: 'focusTime' }), null)).toMatchObject({
      row: { transparency: 'transparent', eventType: 'focusTime' },
    });
  });

  it('reads calsync markers from extendedProperties.private', () => {
    const n = normalizeEvent(
      timed({ extendedProperties: { private: { calsyncTaskId: 't1', calsyncProposalId: 'p1' } } }),
      null,
    );
    expect(n).toMatchObject({ row: { calsyncTaskId: 't1', calsyncProposalId: 'p1' } });
  });

  it('stores bad-but-usable input with notes and skips unusable input with a reason', () => {
    expect(normalizeEvent(timed({ summary: undefined }), null)).toMatchObject({ kind: 'upsert', row: { title: '' } });
    expect(normalizeEvent(timed({ start: undefined }), null)).toMatchObject({
      kind: 'skip',
      reason: 'event has no start',
    });
    expect(normalizeEvent({ summary: 'no id' }, null)).toMatchObject({ kind: 'skip', id: null });
    const odd = normalizeEvent(
      timed({ start: { dateTime: '2026-03-29T09:00:00+02:00', timeZone: 'Mars/Olympus_Mons' } }),
      null,
    );
    expect(odd).toMatchObject({
      kind: 'upsert',
      row: { timeZone: null },
      notes: [expect.stringContaining('unknown time zone')],
    });
    const bigText = 'x'.repeat(1_000_000);
    expect(normalizeEvent(timed({ description: bigText, summary: '会議 🗓️ اجتماع' }), null)).toMatchObject({
      row: { description: bigText, title: '会議 🗓️ اجتماع' },
    });
    expect(normalizeEvent(timed({ start: { dateTime: 'tomorrow-ish' } }), null).kind).toBe('skip');
    expect(normalizeEvent(timed({ start: { dateTime: '2026-03-29T09:00:00' } }), null)).toMatchObject({ kind: 'skip' });
  });

  it('reads every event of the real fixtures without throwing', () => {
    const files = [
      'events_fetch_page1_response.txt',
      'events_fetch_page2_response.txt',
      'calendar_events_list.json',
      'calendar_events_delta.json',
      'test_mocks_events.json',
    ];
    for (const f of files)
      for (const item of fixtureItems(f))
        expect(['upsert', 'delete', 'skip']).toContain(normalizeEvent(item, 'Europe/Prague').kind);
  });

  it('never throws on arbitrary JSON and every stored row is well-formed', () => {
    const when = fc.record(
      {
        date: fc.oneof(fc.string(), fc.constant('2026-01-01')),
        dateTime: fc.oneof(
          fc.string(),
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        ),
        timeZone: fc.string(),
      },
      { requiredKeys: [] },
    );
    const event = fc.record(
      {
        id: fc.oneof(fc.string(), fc.integer()),
        status: fc.constantFrom('confirmed', 'cancelled', 'tentative', 'x'),
        summary: fc.anything(),
        start: fc.oneof(when, fc.anything()),
        end: fc.oneof(when, fc.anything()),
        attendees: fc.anything(),
        extendedProperties: fc.anything(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.oneof(event, fc.anything()),
        fc.option(fc.constantFrom('UTC', 'Asia/Kathmandu', 'Nope/Nope')),
        (raw, tz) => {
          const n = normalizeEvent(raw, tz);
          if (n.kind === 'upsert') {
            expect(n.row.allDay ? n.row.startDate! < n.row.endDate! : n.row.startMs! <= n.row.endMs!).toBe(true);
            expect(typeof n.row.title).toBe('string');
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
