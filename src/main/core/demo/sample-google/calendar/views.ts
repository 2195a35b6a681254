// How a stored event looks in a listing: expanded instances, cancelled
// instances, minimal tombstones, and Google's field order.
import type { GoogleEvent, GoogleEventDateTime } from '../types';
import { htmlLink } from './event-model';
import type { Occurrence } from './recurrence';

// The order Google writes event fields in (see the CalCentral recordings).
const ORDER = [
  'kind',
  'etag',
  'id',
  'status',
  'htmlLink',
  'created',
  'updated',
  'summary',
  'description',
  'location',
  'colorId',
  'creator',
  'organizer',
  'start',
  'end',
  'endTimeUnspecified',
  'recurrence',
  'recurringEventId',
  'originalStartTime',
  'transparency',
  'visibility',
  'iCalUID',
  'sequence',
  'attendees',
  'attendeesOmitted',
  'extendedProperties',
  'hangoutLink',
  'conferenceData',
  'gadget',
  'anyoneCanAddSelf',
  'guestsCanInviteOthers',
  'guestsCanModify',
  'guestsCanSeeOtherGuests',
  'privateCopy',
  'locked',
  'reminders',
  'source',
  'workingLocationProperties',
  'outOfOfficeProperties',
  'focusTimeProperties',
  'attachments',
  'birthdayProperties',
  'eventType',
];
const RANK = new Map(ORDER.map((k, i) => [k, i]));

/** The event as the API shows it: derived fields filled in (full resources only), keys in Google's order. */
export function present(ev: GoogleEvent, calendarId: string): GoogleEvent {
  const src = ev as Record<string, unknown>;
  const full = ev.created !== undefined && ev.created !== null;
  const derived: Record<string, unknown> = {
    kind: 'calendar#event',
    htmlLink: full ? (ev.htmlLink ?? htmlLink(ev.id as string, calendarId)) : undefined,
    iCalUID: full ? (ev.iCalUID ?? `${ev.id}@google.com`) : undefined,
  };
  const out: Record<string, unknown> = {};
  for (const k of ORDER) {
    const v = src[k] ?? derived[k];
    if (v !== undefined) out[k] = v;
  }
  for (const k in src) if (!RANK.has(k) && src[k] !== undefined) out[k] = src[k];
  return out as GoogleEvent;
}

/** One instance of a master as singleEvents=true shows it. Shares nested objects with the master: clone before storing. */
export function instanceOf(master: GoogleEvent, occ: Occurrence): GoogleEvent {
  const { recurrence: _recurrence, ...rest } = master;
  return {
    ...rest,
    id: occ.id,
    start: occ.start,
    end: occ.end,
    recurringEventId: master.id,
    originalStartTime: occ.originalStartTime,
    iCalUID: master.iCalUID ?? `${master.id}@google.com`,
  };
}

/**
 * A cancelled entry. Incremental pages carry only what Google guarantees: the id
 * (plus recurringEventId and originalStartTime for an instance), as in
 * fixture events_delta.json; full listings on the organizer's calendar keep details.
 */
export function cancelled(ev: GoogleEvent, minimal: boolean): GoogleEvent {
  if (!minimal) return { ...ev, status: 'cancelled' };
  const out: GoogleEvent = { kind: 'calendar#event', etag: ev.etag, id: ev.id, status: 'cancelled' };
  if (ev.recurringEventId) {
    out.recurringEventId = ev.recurringEventId;
    out.originalStartTime = ev.originalStartTime;
  }
  return out;
}

export function removedInstance(master: GoogleEvent, id: string, originalStartTime: GoogleEventDateTime): GoogleEvent {
  return {
    kind: 'calendar#event',
    etag: master.etag,
    id,
    status: 'cancelled',
    recurringEventId: master.id,
    originalStartTime,
  };
}

/** What a freeBusyReader sees of an event: that it is there and when. */
export function freeBusyView(ev: GoogleEvent): GoogleEvent {
  const out: GoogleEvent = { kind: ev.kind, etag: ev.etag, id: ev.id, status: ev.status, start: ev.start, end: ev.end };
  if (ev.recurringEventId) {
    out.recurringEventId = ev.recurringEventId;
    out.originalStartTime = ev.originalStartTime;
  }
  return out;
}
