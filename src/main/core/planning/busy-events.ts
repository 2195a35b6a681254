// Which cached events are busy time for the planner (DESIGN.md §5). Pure.
//
// A calendar counts when it "blocks my time" (by default the account's primary
// and owned calendars, not subscribed or shared-in ones). One meeting often
// sits on several of the user's calendars (their own and a colleague's shared
// one, same iCalUID): the attendee `self` of a colleague's copy is the
// colleague, so only the copy on the user's own calendar says whether the user
// goes. When such a copy exists it decides for the whole meeting.
//
// A busy mirror (core/mirror) is a copy calsync wrote of another calendar's
// busy event: when that source already counts, the mirror (and its buffers)
// adds no busy time of its own; when the source does not count (its calendar
// does not block time, or is not synced here), the mirror is busy like any event.
import type { CachedEvent, Settings } from '../../../shared/domain';

export interface BusyCalendar {
  /** The user's choice (or the default): the calendar's events are busy time. */
  blocksTime: boolean;
  /** The user's own calendar (an account's primary, or one it owns): its attendee `self` is the user. */
  own: boolean;
}

/** The user's own calendar: the account's primary or one it owns (the same rule gives `blocks_time` its default). */
export function isOwnCalendar(c: { primary: boolean; accessRole: string }): boolean {
  return c.primary || c.accessRole === 'owner';
}

export type CalendarLookup = (accountId: string, calendarId: string) => BusyCalendar | undefined;

/** Where a mirror's source is (account, calendar, Google id); undefined for an event that is not a known mirror. */
export type MirrorSourceLookup = (e: CachedEvent) => { accountId: string; calendarId: string; id: string } | undefined;

const refKey = (accountId: string, calendarId: string, id: string) => `${accountId}\u0000${calendarId}\u0000${id}`;

/**
 * Whether this copy of an event says "busy", whatever its calendar: not
 * transparent, not declined; all-day ones only as Google means them (opaque
 * ones block, birthdays never) and only while the setting lets all-day events
 * block at all.
 */
export function copyIsBusy(e: CachedEvent, settings: Pick<Settings, 'allDayEventsBlock'>): boolean {
  if (e.transparency === 'transparent' || e.selfResponse === 'declined') return false;
  if (!e.allDay) return true;
  return settings.allDayEventsBlock && e.eventType !== 'birthday';
}

/** The same meeting on several calendars: one iCalUID, and for an instance of a series, one slot. */
function meetingKey(e: CachedEvent): string | null {
  return e.iCalUID ? `${e.iCalUID}\u0000${e.originalStartTime ?? ''}` : null;
}

/**
 * The events whose time is busy, at most one per meeting that has a copy on
 * an own calendar. A meeting with an own copy is busy when an own copy is busy
 * and some copy sits on a calendar that blocks time; the own copy is the one
 * returned (its times are the user's). Without an own copy, every busy copy on
 * a blocking calendar counts on its own.
 */
export function busyEvents(
  events: readonly CachedEvent[],
  calendarOf: CalendarLookup,
  settings: Pick<Settings, 'allDayEventsBlock'>,
  mirrorSourceOf: MirrorSourceLookup = () => undefined,
): CachedEvent[] {
  const groups = new Map<string, CachedEvent[]>();
  for (const e of events) {
    const key = meetingKey(e);
    if (key === null) continue;
    const g = groups.get(key);
    if (g) g.push(e);
    else groups.set(key, [e]);
  }
  const decided = new Set<string>();
  const out: CachedEvent[] = [];
  for (const e of events) {
    const cal = calendarOf(e.accountId, e.calendarId);
    const key = meetingKey(e);
    const group = key === null ? undefined : groups.get(key)!;
    const owned = group?.filter((c) => calendarOf(c.accountId, c.calendarId)?.own === true) ?? [];
    if (owned.length === 0) {
      if (cal?.blocksTime && copyIsBusy(e, settings)) out.push(e);
      continue;
    }
    if (decided.has(key!)) continue;
    decided.add(key!);
    const attending = owned.find((c) => copyIsBusy(c, settings));
    const counts = group!.some((c) => calendarOf(c.accountId, c.calendarId)?.blocksTime === true);
    if (attending && counts) out.push(attending);
  }
  return withoutEchoes(events, out, mirrorSourceOf);
}

/** Drops the mirrors whose source already counts: itself, or its meeting through another copy. */
function withoutEchoes(
  events: readonly CachedEvent[],
  busy: CachedEvent[],
  mirrorSourceOf: MirrorSourceLookup,
): CachedEvent[] {
  const byRef = new Map(events.map((e) => [refKey(e.accountId, e.calendarId, e.id), e]));
  const busyRefs = new Set(busy.map((e) => refKey(e.accountId, e.calendarId, e.id)));
  const busyMeetings = new Set(busy.map(meetingKey).filter((k): k is string => k !== null));
  return busy.filter((e) => {
    const src = mirrorSourceOf(e);
    if (!src) return true;
    const ref = refKey(src.accountId, src.calendarId, src.id);
    const source = byRef.get(ref);
    if (!source) return true;
    const meeting = meetingKey(source);
    return !(busyRefs.has(ref) || (meeting !== null && busyMeetings.has(meeting)));
  });
}
