// A write over an accepted block's event (a move, a removal) is guarded by the
// version in the cache: what calsync wrote, or what the last sync brought. If
// the user changed the event in Google Calendar since (moved it, renamed it,
// deleted it) Google refuses and calsync says so instead of overwriting it.
import { AppError } from '../../../shared/errors';
import type { GoogleEventBody } from '../google/event-writer';
import type { CalendarRecord } from '../store/calendars-repo';
import type { Store } from '../store/store';
import { applyPage } from '../sync/apply-page';
import { normalizeEvent } from '../sync/normalize-event';
import { planPage } from '../sync/page-plan';

export interface BlockGuard {
  /** The cached etag; null when the calendar is not cached (the write is then unconditional, as before). */
  etag: string | null;
  /** Google's copy still has the times and title the cache holds (only e.g. reminders or colour changed). */
  unchanged(ev: GoogleEventBody): boolean;
}

export function blockGuard(store: Store, accountId: string, calendarId: string, eventId: string): BlockGuard {
  const cached = store.events.version(accountId, calendarId, eventId);
  const zone = store.calendars.get(accountId, calendarId)?.timeZone ?? 'UTC';
  return {
    etag: cached?.etag ?? null,
    unchanged: (ev) => {
      if (!cached) return false;
      const n = normalizeEvent(ev, zone);
      return (
        n.kind === 'upsert' &&
        n.row.startMs === cached.startMs &&
        n.row.endMs === cached.endMs &&
        n.row.title === cached.title
      );
    },
  };
}

/** Google's copy is at exactly these instants. */
export const atTimes = (ev: GoogleEventBody, start: number, end: number): boolean =>
  Date.parse(ev.start?.dateTime ?? '') === start && Date.parse(ev.end?.dateTime ?? '') === end;

/** The refusal the user reads: nothing was written, Google's version stands. */
export function changedAtGoogle(title: string, what: 'moved' | 'deleted', ev: GoogleEventBody | null): AppError {
  const name = title.trim() === '' ? 'This block' : `"${title.slice(0, 60)}"`;
  const how = !ev || ev.status === 'cancelled' ? 'deleted' : 'changed';
  return new AppError(
    'conflict',
    `${name} was ${how} in Google Calendar since calsync last synced, so it was not ${what}; ` +
      'what Google Calendar has now is kept. Sync, then look at the plan again.',
  );
}

/** Google's answer enters the cache now (and so the outbox), as the next sync would bring it. */
export function cacheGoogleVersion(
  store: Store,
  accountId: string,
  calendarId: string,
  ev: GoogleEventBody,
  cal?: CalendarRecord,
): void {
  const calendar = cal ?? store.calendars.get(accountId, calendarId);
  if (!calendar?.enabled) return;
  applyPage(store, accountId, calendarId, planPage([ev], calendar.timeZone), null);
}
