// The demo's sample account: the same seed gives the same account; every
// event, as the provider lists it, is one the engine's normaliser takes; its
// wall times are what their zones say (checked with Intl, not the generator's
// offset code); and the recurring series with their exceptions are there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleData, type SampleData } from '../../../../src/main/core/demo/sample-data';
import { startSampleProvider, type SampleProvider } from '../../../../src/main/core/demo/sample-provider';
import { parseSampleNow, sampleClock } from '../../../../src/main/core/demo/sample-time';
import { normalizeEvent } from '../../../../src/main/core/sync/normalize-event';

const NOW = Date.parse('2026-03-04T10:00:00Z'); // a Wednesday; Berlin is UTC+1, Tokyo UTC+9
const DST_NOW = Date.parse('2026-03-25T10:00:00Z'); // Berlin moves to UTC+2 within the weeks around it

/** Local digits of an instant in a zone, by Intl: "2026-03-04T09:30". */
function wallIn(tz: string, instant: number): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(instant)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

describe('sampleData', () => {
  it('is the same account for the same seed and now, and another for another seed', () => {
    expect(sampleData({ seed: 7, now: NOW })).toEqual(sampleData({ seed: 7, now: NOW }));
    expect(sampleData({ seed: 8, now: NOW }).events).not.toEqual(sampleData({ seed: 7, now: NOW }).events);
  });

  it('has three calendars, one in another zone, and a few hundred events around now', () => {
    const d = sampleData({ seed: 1, now: NOW });
    expect(d.calendars).toHaveLength(3);
    expect(new Set(d.calendars.map((c) => c.timeZone)).size).toBeGreaterThan(1);
    expect(d.events.length).toBeGreaterThan(100);
    expect(d.tasks.length).toBeGreaterThan(3);
  });

  for (const now of [NOW, DST_NOW]) {
    it(`writes each timed event's wall time with the offset its zone has then (${new Date(now).toISOString()})`, () => {
      const d = sampleData({ seed: 2, now });
      for (const { event } of d.events) {
        for (const when of [event.start!, event.end!]) {
          if (!when.dateTime) continue;
          expect(wallIn(when.timeZone!, Date.parse(when.dateTime)), when.dateTime).toBe(when.dateTime.slice(0, 16));
        }
      }
    });
  }
});

describe('the sample provider with the sample data', () => {
  let data: SampleData;
  let provider: SampleProvider;
  beforeAll(async () => {
    data = sampleData({ seed: 1, now: NOW });
    provider = await startSampleProvider({ seed: 1, clock: sampleClock(NOW), data });
  });
  afterAll(() => provider.close());

  it('lists events the engine normalises without a skip, across zones, all-day ones included', () => {
    const kinds = new Set<string>();
    let timed = 0;
    let allDay = 0;
    const zones = new Set<string>();
    for (const cal of data.calendars) {
      for (const ev of provider.liveEvents(provider.calendarIds[cal.key])) {
        const n = normalizeEvent(ev, cal.timeZone);
        kinds.add(n.kind);
        if (n.kind !== 'upsert') continue;
        if (n.row.allDay) allDay++;
        else timed++;
        if (n.row.timeZone) zones.add(n.row.timeZone);
      }
    }
    expect([...kinds]).toEqual(['upsert']);
    expect(timed).toBeGreaterThan(100);
    expect(allDay).toBeGreaterThan(2);
    expect(zones).toEqual(new Set(['Europe/Berlin', 'America/New_York', 'Asia/Tokyo']));
  });

  it('expands the daily stand-up on every weekday, with this week’s Wednesday moved and next week’s Friday cancelled', () => {
    const standups = provider.liveEvents(data.user.email).filter((e) => e.recurringEventId?.startsWith('demoseries1s'));
    const days = new Map(
      standups.map((e) => [wallIn('Europe/Berlin', Date.parse(e.originalStartTime!.dateTime!)).slice(0, 10), e]),
    );
    // This week (Mon 2026-03-02) and next.
    for (const day of ['2026-03-02', '2026-03-03', '2026-03-05', '2026-03-06', '2026-03-09', '2026-03-12']) {
      expect(wallIn('Europe/Berlin', Date.parse(days.get(day)!.start!.dateTime!)), day).toBe(`${day}T09:30`);
    }
    expect(wallIn('Europe/Berlin', Date.parse(days.get('2026-03-04')!.start!.dateTime!))).toBe('2026-03-04T11:00');
    expect(days.has('2026-03-13')).toBe(false);
    expect(days.has('2026-03-07')).toBe(false); // Saturday
  });
});

describe('sample time', () => {
  it('starts at the given instant and runs at real speed', () => {
    let real = 1_000;
    const clock = sampleClock(NOW, () => real);
    expect(clock.now()).toBe(NOW);
    real += 5_000;
    expect(clock.now()).toBe(NOW + 5_000);
    expect(sampleClock(null, () => real).now()).toBe(real);
  });

  it('reads --now as an instant and refuses anything else', () => {
    expect(parseSampleNow('2026-03-04T11:00:00+01:00')).toBe(NOW);
    expect(parseSampleNow(undefined)).toBeNull();
    expect(() => parseSampleNow('tomorrow')).toThrow(/2026-03-04T10:00:00Z/);
  });
});
