// The window shows times in the settings' zone whatever the browser's zone
// is (this suite runs under any TZ; CI uses America/St_Johns).
import { describe, expect, it } from 'vitest';
import {
  addDaysIn,
  fromLocalInput,
  fromWallClock,
  toLocalInput,
  toWallClock,
  weekStartIn,
} from '../../src/renderer/format/time';

const ZONES = ['Europe/Berlin', 'America/St_Johns', 'Asia/Kathmandu', 'Pacific/Chatham', 'UTC'];

describe('zone arithmetic for the week view and forms', () => {
  it('round-trips instants through the wall-clock Dates the week is drawn from', () => {
    for (const zone of ZONES) {
      for (const iso of [
        '2026-03-29T00:30:00Z',
        '2026-03-29T01:30:00Z',
        '2026-10-25T02:00:00Z',
        '2026-07-01T12:00:00Z',
      ]) {
        const ms = Date.parse(iso);
        const wall = toWallClock(ms, zone);
        // A wall time the browser's zone skips (its own DST gap) cannot be represented; skip those.
        if (
          wall.getHours() !==
          Number(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: zone }).format(ms))
        )
          continue;
        expect(fromWallClock(wall, zone), `${zone} ${iso}`).toBe(ms);
      }
    }
  });

  it('maps a wall time that happens twice (DST ends) to one of its two instants', () => {
    const first = Date.parse('2026-10-25T00:59:00Z'); // 02:59 CEST, and an hour later 02:59 CET
    expect([first, first + 3_600_000]).toContain(fromWallClock(toWallClock(first, 'Europe/Berlin'), 'Europe/Berlin'));
  });

  it('starts the week on Monday 00:00 in the zone, and a week across DST is 167 hours', () => {
    const sunday = Date.parse('2026-03-29T10:00:00Z');
    const start = weekStartIn(sunday, 'Europe/Berlin');
    expect(new Date(start).toISOString()).toBe('2026-03-22T23:00:00.000Z');
    expect(addDaysIn(start, 7, 'Europe/Berlin') - start).toBe(167 * 3_600_000);
    expect(new Date(weekStartIn(sunday, 'America/St_Johns')).toISOString()).toBe('2026-03-23T02:30:00.000Z');
  });

  it('fills and reads datetime-local inputs in the zone', () => {
    expect(toLocalInput('2026-03-10T15:45:00Z', 'Asia/Kathmandu')).toBe('2026-03-10T21:30');
    expect(fromLocalInput('2026-03-10T21:30', 'Asia/Kathmandu')).toBe('2026-03-10T15:45:00.000Z');
    expect(fromLocalInput('garbage', 'UTC')).toBeNull();
    expect(toLocalInput(null, 'UTC')).toBe('');
  });
});
