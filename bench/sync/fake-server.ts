// Child process: the fake Google with a big account, so that serving pages
// does not share the engine's event loop (as the real Google would not).
import { startFakeGoogle, type FakeGoogle } from '../../tests/fakes/google';
import { serve } from './child';
import { startPageCache, type PageCache } from './page-cache';

let google: FakeGoogle;
let pageCache: PageCache;
let calendars: string[] = [];
const email = 'bench@example.test';

serve({
  async start(m) {
    google = await startFakeGoogle();
    google.addUser({ email });
    google.setConsentUser(email);
    const n = Number(m.calendars);
    const per = Number(m.perCalendar);
    calendars = Array.from({ length: n }, (_, i) =>
      google.addCalendar(email, { summary: `Calendar ${i}`, timeZone: 'Europe/Berlin' }),
    );
    const base = Date.UTC(2025, 0, 1, 7);
    for (const cal of calendars) {
      for (let i = 0; i < per; i++) {
        const start = base + i * 3_600_000 * 3;
        const allDay = i % 25 === 0;
        google.insertEvent(cal, {
          summary: `Event ${i} — planning & review`,
          description: i % 10 === 0 ? 'Agenda:\n1. status\n2. risks\n3. next steps' : undefined,
          location: i % 7 === 0 ? 'Room 4.12' : undefined,
          transparency: i % 13 === 0 ? 'transparent' : undefined,
          ...(allDay
            ? {
                start: { date: new Date(start).toISOString().slice(0, 10) },
                end: { date: new Date(start + 86_400_000).toISOString().slice(0, 10) },
              }
            : {
                start: { dateTime: new Date(start).toISOString(), timeZone: 'Europe/Berlin' },
                end: { dateTime: new Date(start + 1_800_000).toISOString(), timeZone: 'Europe/Berlin' },
              }),
        });
      }
    }
    // The primary calendar the fake made for the user stays empty; sync it too.
    pageCache = await startPageCache(google.env, [email, ...calendars], 2500);
    return {
      type: 'started',
      env: { ...google.env, CALSYNC_GOOGLE_API_URL: pageCache.apiUrl },
      email,
      calendars,
      pages: pageCache.pages,
    };
  },
  async mutate(m) {
    const n = Number(m.count);
    for (let i = 0; i < n; i++) {
      const cal = calendars[i % calendars.length]!;
      const live = google.liveEvents(cal);
      const victim = live[(i * 7919) % live.length]!;
      if (i % 3 === 0) google.deleteEvent(cal, victim.id!);
      else if (i % 3 === 1) google.patchEvent(cal, victim.id!, { summary: `${victim.summary} (moved)` });
      else
        google.insertEvent(cal, {
          summary: `new ${i}`,
          start: { dateTime: '2026-12-01T09:00:00Z' },
          end: { dateTime: '2026-12-01T10:00:00Z' },
        });
    }
    return { type: 'mutated' };
  },
  async stop() {
    await pageCache.close();
    await google.close();
    setImmediate(() => process.exit(0));
    return { type: 'stopped' };
  },
});
