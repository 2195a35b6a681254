// Cache vs server, compared as sets of what a user sees. Deliberately written
// from Google's JSON, not through the engine's normaliser.
import type { CachedEvent } from '../../src/shared/domain';
import type { GoogleEvent } from '../fakes/google';

export function serverView(events: GoogleEvent[]): string[] {
  return events
    .map((e) => {
      const allDay = e.start?.date !== undefined && e.start?.date !== null;
      const start = allDay ? e.start!.date! : new Date(e.start!.dateTime!).toISOString();
      const end = allDay ? e.end!.date! : new Date(e.end!.dateTime!).toISOString();
      return [e.id, e.summary ?? '', start, end, e.transparency ?? 'opaque', e.recurringEventId ?? '', e.status].join(
        ' | ',
      );
    })
    .sort();
}

export function cacheView(events: CachedEvent[]): string[] {
  return events
    .map((e) =>
      [
        e.id,
        e.title,
        e.allDay ? e.startDate : e.start,
        e.allDay ? e.endDate : e.end,
        e.transparency,
        e.recurringEventId ?? '',
        e.status,
      ].join(' | '),
    )
    .sort();
}
