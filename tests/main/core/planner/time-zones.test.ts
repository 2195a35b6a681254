import { describe, expect, it } from 'vitest';
import { allDayToInterval } from '../../../../src/main/core/planner';
import { buildZone } from '../../../../src/shared/time/zone';
import { parseWorkingHours, workingSlotStarts } from '../../../../src/main/core/planner/working-time';
import type { WorkingHours } from '../../../../src/shared/domain';

const everyDay = (ranges: Array<[string, string]>): WorkingHours => ({
  mon: ranges,
  tue: ranges,
  wed: ranges,
  thu: ranges,
  fri: ranges,
  sat: ranges,
  sun: ranges,
});

function slots(timeZone: string, from: string, to: string, ranges: Array<[string, string]>): string[] {
  const a = Date.parse(from);
  const b = Date.parse(to);
  return workingSlotStarts(buildZone(timeZone, a, b), parseWorkingHours(everyDay(ranges)), a, b).map((t) =>
    new Date(t).toISOString(),
  );
}

describe('working slots across DST changes and odd offsets', () => {
  it('09:00–17:00 on the day Berlin springs forward is 8 h of local quarter hours', () => {
    const s = slots('Europe/Berlin', '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00', [['09:00', '17:00']]);
    expect(s).toHaveLength(32);
    expect(s[0]).toBe('2026-03-29T07:00:00.000Z'); // 09:00 CEST
    expect(s.at(-1)).toBe('2026-03-29T14:45:00.000Z'); // 16:45 CEST
  });

  it('a whole-day range is 23 h in spring and 25 h in autumn (Berlin, New York)', () => {
    expect(
      slots('Europe/Berlin', '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00', [['00:00', '24:00']]),
    ).toHaveLength(92);
    expect(
      slots('Europe/Berlin', '2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00', [['00:00', '24:00']]),
    ).toHaveLength(100);
    expect(
      slots('America/New_York', '2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00', [['00:00', '24:00']]),
    ).toHaveLength(92);
  });

  it('Lord Howe shifts by 30 minutes; a night range counts the repeated half hour twice', () => {
    expect(
      slots('Australia/Lord_Howe', '2026-04-05T00:00:00+11:00', '2026-04-06T00:00:00+10:30', [['00:00', '24:00']]),
    ).toHaveLength(98);
    expect(
      slots('Australia/Lord_Howe', '2026-10-04T00:00:00+10:30', '2026-10-05T00:00:00+11:00', [['00:00', '24:00']]),
    ).toHaveLength(94);
    // 01:00–04:30 on the night clocks go back from 02:00 to 01:30: 3.5 h + the repeated 30 min.
    expect(
      slots('Australia/Lord_Howe', '2026-04-05T00:00:00+11:00', '2026-04-06T00:00:00+10:30', [['01:00', '04:30']]),
    ).toHaveLength(16);
  });

  it('Chatham (+13:45 → +12:45) and Kathmandu (+05:45) keep local quarter hours', () => {
    expect(
      slots('Pacific/Chatham', '2026-04-05T00:00:00+13:45', '2026-04-06T00:00:00+12:45', [['00:00', '24:00']]),
    ).toHaveLength(100);
    expect(slots('Asia/Kathmandu', '2026-03-23T00:00:00Z', '2026-03-23T12:00:00Z', [['09:00', '10:00']])).toEqual([
      '2026-03-23T03:15:00.000Z',
      '2026-03-23T03:30:00.000Z',
      '2026-03-23T03:45:00.000Z',
      '2026-03-23T04:00:00.000Z',
    ]);
    expect(slots('America/St_Johns', '2026-03-23T00:00:00Z', '2026-03-24T00:00:00Z', [['09:00', '10:00']])[0]).toBe(
      '2026-03-23T11:30:00.000Z',
    );
  });

  it('only whole quarter hours inside a range count, and touching ranges join', () => {
    expect(slots('UTC', '2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z', [['09:10', '10:05']])).toEqual([
      '2026-06-01T09:15:00.000Z',
      '2026-06-01T09:30:00.000Z',
      '2026-06-01T09:45:00.000Z',
    ]);
    expect(
      slots('UTC', '2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z', [
        ['09:00', '09:10'],
        ['09:10', '09:30'],
      ]),
    ).toEqual(['2026-06-01T09:00:00.000Z', '2026-06-01T09:15:00.000Z']);
  });

  it('rejects an unknown zone and malformed working hours', () => {
    expect(() => buildZone('Mars/Olympus', 0, 1)).toThrow(/unknown time zone/);
    expect(() => parseWorkingHours(everyDay([['9:00', '17:00']]))).toThrow(/HH:MM/);
  });
});

describe('allDayToInterval', () => {
  it('covers the local day, 23 h long on a spring-forward day', () => {
    const i = allDayToInterval('2026-03-29', '2026-03-30', 'Europe/Berlin');
    expect(new Date(i.start).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(i.end).toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it('starts at the first real instant when midnight does not exist (Havana)', () => {
    const i = allDayToInterval('2026-03-08', '2026-03-09', 'America/Havana');
    expect(new Date(i.start).toISOString()).toBe('2026-03-08T05:00:00.000Z'); // 01:00 CDT
    expect(new Date(i.end).toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });

  it('spans several days and rejects non-dates', () => {
    const i = allDayToInterval('2026-06-01', '2026-06-04', 'Asia/Kathmandu');
    expect(i.end - i.start).toBe(3 * 86_400_000);
    expect(new Date(i.start).toISOString()).toBe('2026-05-31T18:15:00.000Z');
    expect(() => allDayToInterval('2026-02-30', '2026-03-01', 'UTC')).toThrow(/calendar date/);
  });

  it('ends at the local midnight of the end date when the event spans a DST change', () => {
    // A week in Berlin across the spring change: starts at CET midnight, ends at CEST midnight (one hour short of 7 days).
    const i = allDayToInterval('2026-03-27', '2026-04-03', 'Europe/Berlin');
    expect(new Date(i.start).toISOString()).toBe('2026-03-26T23:00:00.000Z');
    expect(new Date(i.end).toISOString()).toBe('2026-04-02T22:00:00.000Z');
    // And across the autumn change in New York (EDT → EST): one hour longer than 10 days.
    const j = allDayToInterval('2026-10-27', '2026-11-06', 'America/New_York');
    expect(new Date(j.start).toISOString()).toBe('2026-10-27T04:00:00.000Z');
    expect(new Date(j.end).toISOString()).toBe('2026-11-06T05:00:00.000Z');
  });

  it('reads an end date not after the start date as a one-day event', () => {
    for (const end of ['2026-06-01', '2026-05-20']) {
      const i = allDayToInterval('2026-06-01', end, 'Asia/Kathmandu');
      expect(new Date(i.start).toISOString()).toBe('2026-05-31T18:15:00.000Z');
      expect(new Date(i.end).toISOString()).toBe('2026-06-01T18:15:00.000Z');
    }
  });
});
