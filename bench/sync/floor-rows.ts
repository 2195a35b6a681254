// The floors' plain mapping of a Google event to the engine's `events` row
// (every column the engine stores, none of its validation or repair), shared
// by the full-sync floor and the `calsync sync` command's floor.
type When = { dateTime?: string; date?: string; timeZone?: string };
export interface Item {
  id: string;
  iCalUID?: string;
  recurringEventId?: string;
  originalStartTime?: When;
  status?: string;
  summary?: string;
  description?: string;
  location?: string;
  start?: When;
  end?: When;
  transparency?: string;
  eventType?: string;
  attendees?: Array<{ self?: boolean; responseStatus?: string }>;
  updated?: string;
  etag?: string;
  colorId?: string;
  extendedProperties?: { private?: Record<string, string> };
}
export interface Page {
  items?: Item[];
  nextPageToken?: string;
  nextSyncToken?: string;
}

/** The columns after account_id and calendar_id, in eventValues' order. */
export const EVENT_COLUMNS = [
  'id',
  'ical_uid',
  'recurring_event_id',
  'original_start',
  'status',
  'title',
  'description',
  'location',
  'all_day',
  'start_ms',
  'end_ms',
  'start_date',
  'end_date',
  'time_zone',
  'transparency',
  'event_type',
  'self_response',
  'updated',
  'etag',
  'calsync_task_id',
  'calsync_proposal_id',
  'color_id',
] as const;

export function eventValues(e: Item): Array<string | number | null> {
  const allDay = e.start?.date !== undefined;
  return [
    e.id,
    e.iCalUID ?? null,
    e.recurringEventId ?? null,
    e.originalStartTime?.dateTime ?? e.originalStartTime?.date ?? null,
    e.status ?? 'confirmed',
    e.summary ?? '',
    e.description ?? null,
    e.location ?? null,
    allDay ? 1 : 0,
    allDay ? null : Date.parse(e.start!.dateTime!),
    allDay ? null : Date.parse(e.end!.dateTime!),
    allDay ? e.start!.date! : null,
    allDay ? e.end!.date! : null,
    e.start?.timeZone ?? null,
    e.transparency ?? 'opaque',
    e.eventType ?? 'default',
    e.attendees?.find((a) => a.self)?.responseStatus ?? null,
    e.updated ?? null,
    e.etag ?? null,
    e.extendedProperties?.private?.calsyncTaskId ?? null,
    e.extendedProperties?.private?.calsyncProposalId ?? null,
    e.colorId ?? null,
  ];
}
