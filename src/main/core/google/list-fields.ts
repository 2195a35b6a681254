// What a full or incremental events.list asks Google for (a partial response).
// Its own module, free of imports, so the bench's floor requests exactly the same.

/**
 * The fields of an event the cache keeps (what sync/event-fields.ts reads,
 * `recurrence` only to tell a series master): a partial response (`fields=`)
 * leaves out the rest (creator, organizer, reminders, links, attendees'
 * names…), so each page is fewer bytes to receive, decode and parse.
 * tests/main/core/sync/listed-page.test.ts holds the normaliser to giving the
 * same answer on an event trimmed to these fields as on the whole event.
 */
export const EVENT_FIELDS =
  'id,status,summary,description,location,iCalUID,recurringEventId,originalStartTime,start,end,' +
  'endTimeUnspecified,transparency,eventType,updated,etag,colorId,recurrence,attendees(self,responseStatus),' +
  'extendedProperties/private';
/** The whole `fields` of an events.list request: the envelope the engine reads and each item's fields. */
export const EVENTS_LIST_FIELDS = `nextPageToken,nextSyncToken,timeZone,items(${EVENT_FIELDS})`;
