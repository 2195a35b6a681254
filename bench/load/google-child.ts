// Child process: the fake Google with a big account (its own event loop, as
// the real Google would be), and small edits between incremental syncs. It
// remembers the ids it made, so an edit costs O(1), not a listing.
import { startFakeGoogle, type FakeGoogle } from '../../tests/fakes/google';
import { serve } from '../sync/child';

let google: FakeGoogle;
let calendars: string[] = [];
const ids = new Map<string, string[]>();
const email = 'load@example.test';
const HOUR = 3_600_000;

serve({
  async start(m) {
    google = await startFakeGoogle();
    google.addUser({ email });
    google.setConsentUser(email);
    const per = Number(m.perCalendar);
    calendars = Array.from({ length: Number(m.calendars) }, (_, i) =>
      google.addCalendar(email, { summary: `Calendar ${i}`, timeZone: i % 2 ? 'America/New_York' : 'Europe/Berlin' }),
    );
    // Two years around now, ~1 event per 3 hours per calendar: what a busy shared calendar holds.
    const base = Date.now() - 365 * 24 * HOUR;
    for (const cal of calendars) {
      const mine: string[] = [];
      for (let i = 0; i < per; i++) {
        const start = base + i * 3 * HOUR + (i % 4) * 15 * 60_000;
        const allDay = i % 40 === 0;
        const e = google.insertEvent(cal, {
          summary: `Event ${i} — planning & review`,
          description: i % 10 === 0 ? 'Agenda:\n1. status\n2. risks\n3. next steps' : undefined,
          location: i % 7 === 0 ? 'Room 4.12' : undefined,
          transparency: i % 13 === 0 ? 'transparent' : undefined,
          ...(allDay
            ? {
                start: { date: new Date(start).toISOString().slice(0, 10) },
                end: { date: new Date(start + 24 * HOUR).toISOString().slice(0, 10) },
              }
            : {
                start: { dateTime: new Date(start).toISOString(), timeZone: 'Europe/Berlin' },
                end: { dateTime: new Date(start + HOUR / 2).toISOString(), timeZone: 'Europe/Berlin' },
              }),
        });
        mine.push(e.id!);
      }
      ids.set(cal, mine);
    }
    return { type: 'started', env: google.env, email, calendars };
  },
  /** `count` changes spread over the calendars: a third each of inserts, edits and deletions. */
  async mutate(m) {
    const n = Number(m.count);
    const salt = Number(m.salt ?? 0);
    for (let i = 0; i < n; i++) {
      const cal = calendars[(i + salt) % calendars.length]!;
      const mine = ids.get(cal)!;
      const at = (i * 7919 + salt * 104_729) % mine.length;
      const kind = (i + salt) % 3;
      if (kind === 0) {
        const start = Date.now() + ((salt * 13 + i) % 300) * HOUR;
        mine.push(
          google.insertEvent(cal, {
            summary: `new ${salt}-${i}`,
            start: { dateTime: new Date(start).toISOString() },
            end: { dateTime: new Date(start + HOUR).toISOString() },
          }).id!,
        );
      } else if (kind === 1) {
        google.patchEvent(cal, mine[at]!, { summary: `edited ${salt}-${i}` });
      } else {
        google.deleteEvent(cal, mine[at]!);
        mine.splice(at, 1);
      }
    }
    return { type: 'mutated' };
  },
  async stop() {
    await google.close();
    setImmediate(() => process.exit(0));
    return { type: 'stopped' };
  },
});
