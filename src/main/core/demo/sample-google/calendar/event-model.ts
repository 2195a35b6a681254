// What events.insert/patch do to a resource: server-filled fields, the etag and
// `updated` bump on every write, patch merging, and the validation Google
// applies to API writes (test helpers skip validation on purpose, to plant data
// Google itself can hold from imports).
import { GoogleApiError } from '../errors';
import { b64url, deepCopy } from '../ids';
import type { GoogleEvent, GoogleEventDateTime } from '../types';
import { isValidTimeZone, parseDate, parseEventDateTime, rfc3339Millis, rfc3339Seconds, wallToInstant } from './time';

export interface NewEventContext {
  id: string;
  nowMs: number;
  seq: number;
  /** Who wrote it, and whose calendar it is on (Google names a secondary calendar as the organizer). */
  creator: NonNullable<GoogleEvent['creator']>;
  organizer: NonNullable<GoogleEvent['organizer']>;
}

/** Google's etags are quoted 16-digit numbers; this one grows with every write, so it always changes. */
export function makeEtag(nowMs: number, seq: number): string {
  return JSON.stringify(String(nowMs * 2000 + seq));
}

export function htmlLink(eventId: string, calendarId: string): string {
  return `https://www.google.com/calendar/event?eid=${b64url(`${eventId} ${calendarId}`).replace(/=+$/, '')}`;
}

// Shared by every event that does not set its own; stored objects are never edited in place.
const DEFAULT_REMINDERS = Object.freeze({ useDefault: true });

/**
 * The stored form of what events.insert returns. kind, htmlLink and the default
 * iCalUID ("<id>@google.com"; only events.import keeps a caller's) are derived
 * when the event is presented (views.present), which keeps 100k events small.
 */
export function fillNewEvent(input: Partial<GoogleEvent>, ctx: NewEventContext): GoogleEvent {
  const ev: GoogleEvent = deepCopy(input);
  delete ev.kind;
  delete ev.htmlLink;
  ev.id = ctx.id;
  ev.status = input.status ?? 'confirmed';
  ev.created = input.created ?? rfc3339Seconds(ctx.nowMs);
  ev.updated = rfc3339Millis(ctx.nowMs);
  ev.etag = makeEtag(ctx.nowMs, ctx.seq);
  ev.creator = input.creator ?? ctx.creator;
  ev.organizer = input.organizer ?? ctx.organizer;
  if (!input.iCalUID) delete ev.iCalUID;
  ev.sequence = input.sequence ?? 0;
  ev.reminders = ev.reminders ?? DEFAULT_REMINDERS;
  ev.eventType = input.eventType ?? 'default';
  if (ev.eventType === 'workingLocation' || ev.eventType === 'birthday')
    ev.transparency = ev.transparency ?? 'transparent';
  return ev;
}

/** A write happened: new etag and `updated`. */
export function bump(ev: GoogleEvent, nowMs: number, seq: number): void {
  ev.updated = rfc3339Millis(nowMs);
  ev.etag = makeEtag(nowMs, seq);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Patch semantics: given fields replace, nested objects merge, arrays replace, null clears. */
export function mergePatch(target: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete target[k];
    else if (isPlainObject(v) && isPlainObject(target[k])) mergePatch(target[k] as Record<string, unknown>, v);
    else target[k] = deepCopy(v);
  }
}

/** A change to times or recurrence is a reschedule: iCalendar SEQUENCE goes up. */
export function isReschedule(patch: Partial<GoogleEvent>): boolean {
  return 'start' in patch || 'end' in patch || 'recurrence' in patch;
}

function checkTime(t: GoogleEventDateTime | undefined, which: 'start' | 'end', calTz: string): number {
  if (!t || (!t.date && !t.dateTime)) throw new GoogleApiError('required', { message: `Missing ${which} time.` });
  if (t.timeZone && !isValidTimeZone(t.timeZone))
    throw new GoogleApiError('invalid', { message: `Invalid time zone definition for ${which} time.` });
  if (t.date) {
    const d = parseDate(t.date);
    if (d === null) throw new GoogleApiError('invalid', { message: `Invalid ${which} time.` });
    return d;
  }
  const hasOffset = /(Z|[+-]\d{2}:\d{2})$/i.test(t.dateTime ?? '');
  if (!hasOffset && !t.timeZone)
    throw new GoogleApiError('required', { message: `Missing time zone definition for ${which} time.` });
  const ms = parseEventDateTime(t.dateTime ?? '', t.timeZone ?? calTz);
  if (ms === null) throw new GoogleApiError('invalid', { message: `Invalid ${which} time.` });
  return ms;
}

const EVENT_TYPES = new Set(['default', 'focusTime', 'outOfOffice', 'workingLocation', 'fromGmail', 'birthday']);

/** The checks events.insert/update/patch make on the resulting event. */
export function validateForApi(ev: GoogleEvent, calTz: string): void {
  const s = checkTime(ev.start, 'start', calTz);
  const e = checkTime(ev.end, 'end', calTz);
  if (Boolean(ev.start?.date) !== Boolean(ev.end?.date)) {
    throw new GoogleApiError('invalid', {
      message: 'Start and end times must either both be date or both be dateTime.',
    });
  }
  if (e < s || (e === s && ev.start?.date))
    throw new GoogleApiError('timeRangeEmpty', { location: 'end.dateTime', locationType: 'parameter' });
  if (ev.eventType && !EVENT_TYPES.has(ev.eventType))
    throw new GoogleApiError('invalid', { message: 'Invalid event type.' });
  if (ev.status && !['confirmed', 'tentative', 'cancelled'].includes(ev.status))
    throw new GoogleApiError('invalid', { message: 'Invalid status value.' });
  if (ev.transparency && !['opaque', 'transparent'].includes(ev.transparency))
    throw new GoogleApiError('invalid', { message: 'Invalid transparency value.' });
}

/** Start/end instants of a non-recurring view; all-day dates are midnights in the calendar's zone. */
export function eventBounds(ev: GoogleEvent, calTz: string): { start: number; end: number } | null {
  const at = (t: GoogleEventDateTime | undefined): number | null => {
    if (!t) return null;
    if (t.date) {
      const d = parseDate(t.date);
      return d === null ? null : wallToInstant(calTz, d);
    }
    return t.dateTime ? parseEventDateTime(t.dateTime, t.timeZone ?? calTz) : null;
  };
  const start = at(ev.start);
  if (start === null) return null;
  return { start, end: at(ev.end) ?? start };
}
