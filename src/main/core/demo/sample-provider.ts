// The demo account's Google: the sample provider (./sample-google, the same
// Calendar v3 / Tasks v1 / OAuth server the tests use) on 127.0.0.1 port 0,
// filled with the sample data. Only this process knows its port and client.
import type { Clock } from '../clock';
import type { SampleCalendarKey, SampleData } from './sample-data';
import { startFakeGoogle, type FakeGoogle } from './sample-google/index';

export type SampleProvider = FakeGoogle & { calendarIds: Record<SampleCalendarKey, string> };

export async function startSampleProvider(o: {
  seed: number;
  clock: Clock;
  data: SampleData;
}): Promise<SampleProvider> {
  const google = await startFakeGoogle({ seed: o.seed, now: () => o.clock.now() });
  try {
    const { user, calendars, events, exceptions } = o.data;
    google.addUser({ email: user.email, name: user.name });
    // The sign-in page consents at once, as the user would: the demo has no one to ask.
    google.setConsentUser(user.email);
    const ids = new Map<SampleCalendarKey, string>();
    for (const c of calendars) {
      const primary = c.key === 'primary';
      ids.set(
        c.key,
        google.addCalendar(user.email, { summary: c.summary, timeZone: c.timeZone, accessRole: c.accessRole, primary }),
      );
    }
    const idOf = (key: SampleCalendarKey): string => ids.get(key)!;
    for (const e of events) google.insertEvent(idOf(e.calendar), e.event);
    for (const x of exceptions) {
      if (x.change) google.moveInstance(idOf(x.calendar), x.seriesId, x.originalStart, x.change);
      else google.cancelInstance(idOf(x.calendar), x.seriesId, x.originalStart);
    }
    return Object.assign(google, { calendarIds: Object.fromEntries(ids) as Record<SampleCalendarKey, string> });
  } catch (e) {
    await google.close();
    throw e;
  }
}
