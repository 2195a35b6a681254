// The pure mapping from a cached event to its workspace row.
import { describe, expect, it } from 'vitest';
import { UNKNOWN_VERSION, calendarKey, toSupabaseKey, toSupabaseRow } from '../../../../src/main/core/supabase/event-row';
import { cachedEvent } from './helpers';

describe('toSupabaseRow', () => {
  it('maps a timed event: instants, no dates, manual scheduling', () => {
    const e = cachedEvent({ id: 'abc', calendarId: 'cal@example.com', iCalUID: 'abc@google.com', recurringEventId: 'series', location: 'Room 1', description: 'notes' });
    expect(toSupabaseRow(e, { color: '#0b8043' })).toEqual({
      provider: 'google',
      external_calendar_id: 'cal@example.com',
      external_event_id: 'abc',
      external_updated_at: '2026-03-01T10:00:00.000Z',
      ical_uid: 'abc@google.com',
      recurring_event_id: 'series',
      title: 'Standup',
      description: 'notes',
      location: 'Room 1',
      start_at: '2026-03-30T09:00:00.000Z',
      end_at: '2026-03-30T09:15:00.000Z',
      all_day: false,
      start_date: null,
      end_date: null,
      time_zone: 'Europe/Berlin',
      status: 'confirmed',
      transparency: 'opaque',
      event_type: 'default',
      color: '#0b8043',
      scheduling_source: 'manual',
      task_id: null,
    });
  });

  it('maps an all-day event to dates only, even if instants linger', () => {
    const e = cachedEvent({ allDay: true, start: '2026-03-29T00:00:00.000Z', end: '2026-03-30T00:00:00.000Z', startDate: '2026-03-29', endDate: '2026-03-30' });
    expect(toSupabaseRow(e)).toMatchObject({ all_day: true, start_at: null, end_at: null, start_date: '2026-03-29', end_date: '2026-03-30', color: null });
  });

  it('marks a block calsync created for a task', () => {
    const e = cachedEvent({ calsync: { taskId: 'task-9', proposalId: 'prop-1' } });
    expect(toSupabaseRow(e)).toMatchObject({ scheduling_source: 'task', task_id: 'task-9' });
  });

  it('gives an event without `updated` the oldest possible version', () => {
    expect(toSupabaseKey(cachedEvent({ id: 'n', updated: null }))).toEqual({
      provider: 'google',
      external_calendar_id: 'team@example.com',
      external_event_id: 'n',
      external_updated_at: UNKNOWN_VERSION,
    });
  });

  it('keys leases by provider and calendar', () => {
    expect(calendarKey('team@example.com')).toBe('google:team@example.com');
  });
});
