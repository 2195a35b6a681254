// What one cached event looks like in the workspace table, and how it is
// keyed. Field names are the columns of `workspace_calendar_events`, because
// the upsert RPC reads the rows with jsonb_to_recordset by name.
import type { CachedEvent } from '../../../shared/domain';

export type EventProvider = 'google';

export interface SupabaseEventKey {
  provider: EventProvider;
  external_calendar_id: string;
  external_event_id: string;
  /**
   * The version the write is about (Google's `updated`). For a delete: the
   * cancelled event's `updated`, or the last version this device had cached.
   */
  external_updated_at: string;
  /**
   * Deletes only: this device stopped syncing the calendar (the tombstone is
   * revived by an upsert of the same version, and only a row this device
   * pushed last is hidden). Absent: the event is gone at Google.
   */
  withdrawn?: boolean;
}

export interface SupabaseEventRow extends SupabaseEventKey {
  ical_uid: string | null;
  recurring_event_id: string | null;
  title: string;
  description: string | null;
  location: string | null;
  start_at: string | null;
  end_at: string | null;
  all_day: boolean;
  start_date: string | null;
  end_date: string | null;
  time_zone: string | null;
  status: CachedEvent['status'];
  transparency: CachedEvent['transparency'];
  event_type: string;
  color: string | null;
  scheduling_source: 'manual' | 'task';
  task_id: string | null;
}

/** What the cache row does not know: the calendar's colour. */
export interface EventRowExtra {
  color?: string | null;
}

/**
 * An event without Google's `updated` (never seen from the API, but the type
 * allows it) sorts as the oldest possible version: it can be inserted, but it
 * never overwrites a version that has a timestamp.
 */
export const UNKNOWN_VERSION = '1970-01-01T00:00:00.000Z';

export function calendarKey(calendarId: string, provider: EventProvider = 'google'): string {
  return `${provider}:${calendarId}`;
}

export function toSupabaseKey(event: Pick<CachedEvent, 'calendarId' | 'id' | 'updated'>): SupabaseEventKey {
  return {
    provider: 'google',
    external_calendar_id: event.calendarId,
    external_event_id: event.id,
    external_updated_at: event.updated ?? UNKNOWN_VERSION,
  };
}

export function toSupabaseRow(event: CachedEvent, extra: EventRowExtra = {}): SupabaseEventRow {
  return {
    ...toSupabaseKey(event),
    ical_uid: event.iCalUID,
    recurring_event_id: event.recurringEventId,
    title: event.title,
    description: event.description,
    location: event.location,
    // Timed events carry instants, all-day events carry dates; never both.
    start_at: event.allDay ? null : event.start,
    end_at: event.allDay ? null : event.end,
    all_day: event.allDay,
    start_date: event.allDay ? event.startDate : null,
    end_date: event.allDay ? event.endDate : null,
    time_zone: event.timeZone,
    status: event.status,
    transparency: event.transparency,
    event_type: event.eventType,
    color: extra.color ?? null,
    // An event calsync created for a task carries the task in its private marker.
    scheduling_source: event.calsync ? 'task' : 'manual',
    task_id: event.calsync?.taskId ?? null,
  };
}
