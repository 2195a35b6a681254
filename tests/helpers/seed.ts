// Builds a realistic account on the fake Google: several calendars, enough
// events for several pages, recurring series with exceptions, all-day events
// across a DST change, transparent and declined events.
import type { FakeGoogle, GoogleEvent } from '../fakes/google';

export interface Seeded {
  calendars: string[];
  seriesId: string;
}

const at = (day: number, hour: number, tz = 'Europe/Berlin') => ({
  dateTime: `2026-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+01:00`,
  timeZone: tz,
});

export function seedAccount(google: FakeGoogle, email: string, opts: { perCalendar?: number } = {}): Seeded {
  const perCalendar = opts.perCalendar ?? 30;
  const calendars = [
    email, // the primary calendar the fake created for the user
    google.addCalendar(email, { summary: 'Team', timeZone: 'America/New_York' }),
    google.addCalendar(email, { summary: 'Private', timeZone: 'Asia/Kathmandu' }),
  ];
  for (const [ci, cal] of calendars.entries()) {
    for (let i = 0; i < perCalendar; i++) {
      const day = 1 + (i % 27);
      google.insertEvent(cal, {
        summary: `Meeting ${ci}-${i}`,
        start: at(day, 8 + (i % 8)),
        end: at(day, 9 + (i % 8)),
      });
    }
  }
  const [primary, team] = calendars as [string, string, string];
  const series = google.insertEvent(primary, {
    summary: 'Weekly sync',
    start: { dateTime: '2026-03-02T10:00:00+01:00', timeZone: 'Europe/Berlin' },
    end: { dateTime: '2026-03-02T10:30:00+01:00', timeZone: 'Europe/Berlin' },
    recurrence: ['RRULE:FREQ=WEEKLY;COUNT=8'],
  });
  google.moveInstance(primary, series.id!, '2026-03-09T09:00:00.000Z', {
    summary: 'Weekly sync (moved)',
    start: { dateTime: '2026-03-10T15:00:00+01:00', timeZone: 'Europe/Berlin' },
    end: { dateTime: '2026-03-10T15:30:00+01:00', timeZone: 'Europe/Berlin' },
  });
  google.cancelInstance(primary, series.id!, '2026-03-16T09:00:00.000Z');
  // All-day events spanning the spring-forward weekends of Europe (Mar 29) and the US (Mar 8).
  google.insertEvent(primary, { summary: 'Offsite', start: { date: '2026-03-28' }, end: { date: '2026-03-31' } });
  google.insertEvent(team, { summary: 'Conference', start: { date: '2026-03-07' }, end: { date: '2026-03-10' } });
  google.insertEvent(team, {
    summary: 'Focus (free)',
    transparency: 'transparent',
    start: at(12, 13),
    end: at(12, 15),
  });
  google.insertEvent(team, {
    summary: 'Declined review',
    start: at(13, 11),
    end: at(13, 12),
    attendees: [
      { email, self: true, responseStatus: 'declined' },
      { email: 'bob@example.test', responseStatus: 'accepted', organizer: true },
    ],
  } as Partial<GoogleEvent>);
  return { calendars, seriesId: series.id! };
}
