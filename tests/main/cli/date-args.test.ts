// Dates typed on the command line: plain days and zone-less times are read in
// the user's zone; full instants pass through byte for byte; anything else is
// a usage error with the hint, not the validation library's wording.
import { InvalidArgumentError } from 'commander';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATE_HINT, parseDateArg, resolveDateArg } from '../../../src/main/cli/date-args';

const resolve = (text: string, zone: string, edge: 'start' | 'end' = 'start') =>
  resolveDateArg(parseDateArg(text), zone, edge);

describe('parseDateArg / resolveDateArg', () => {
  it('reads a plain day as that day in the zone: its start, or up to its end', () => {
    expect(resolve('2026-12-01', 'Europe/Berlin')).toBe('2026-11-30T23:00:00.000Z');
    expect(resolve('2026-12-01', 'Europe/Berlin', 'end')).toBe('2026-12-01T23:00:00.000Z');
    expect(resolve('2026-12-01', 'America/St_Johns')).toBe('2026-12-01T03:30:00.000Z');
    // A day with a DST change is 23 hours long (Berlin, spring).
    expect(
      Date.parse(resolve('2026-03-29', 'Europe/Berlin', 'end')!) - Date.parse(resolve('2026-03-29', 'Europe/Berlin')!),
    ).toBe(23 * 3600_000);
  });

  it('reads a time without an offset as a wall time in the zone', () => {
    expect(resolve('2026-12-01T09:00', 'Asia/Kolkata')).toBe('2026-12-01T03:30:00.000Z');
    expect(resolve('2026-07-01 09:30:15', 'America/New_York')).toBe('2026-07-01T13:30:15.000Z');
  });

  it('passes a full instant through unchanged, whatever the zone', () => {
    for (const text of ['2026-12-04T17:00:00+01:00', '2026-12-04T17:00:00Z', '2026-12-04T17:00:00.123Z']) {
      expect(resolve(text, 'Pacific/Chatham')).toBe(text);
    }
  });

  it('refuses anything else as a usage error that shows the form to use', () => {
    for (const bad of [
      'friday',
      '2026-02-30',
      '2026-13-01',
      '12/01/2026',
      '2026-12-01T25:00',
      '',
      '2026-12-01T09:00+1',
    ]) {
      const call = () => parseDateArg(bad);
      expect(call, bad).toThrow(InvalidArgumentError);
      expect(call, bad).toThrow(DATE_HINT);
    }
  });

  it('property: a day resolved in any zone reads back as that local day at midnight', () => {
    const zones = [
      'UTC',
      'Europe/Berlin',
      'America/St_Johns',
      'Asia/Kathmandu',
      'Pacific/Chatham',
      'America/Sao_Paulo',
      'Australia/Lord_Howe',
    ];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2080-12-31'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (d, zone) => {
          const day = d.toISOString().slice(0, 10);
          const start = new Date(resolve(day, zone)!);
          const local = new Intl.DateTimeFormat('en-CA', {
            timeZone: zone,
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
          }).format(start);
          // Midnight, or the first wall time after a gap when the day starts inside one.
          expect(local.slice(0, 10)).toBe(day);
          expect(local.slice(12) <= '01:00').toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
