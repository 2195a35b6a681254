// isValidTimeZone answers from ICU's list of canonical zones first and asks
// Intl.DateTimeFormat only for other names; both paths must agree with
// Intl.DateTimeFormat, the definition of a zone the rest of the app can use.
import { describe, expect, it } from 'vitest';
import { isValidTimeZone, timeZoneSchema } from '../../src/shared/schemas';

const intlAccepts = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

describe('isValidTimeZone', () => {
  it('accepts every canonical zone ICU lists', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    expect(zones.length).toBeGreaterThan(300);
    expect(zones.filter((z) => !isValidTimeZone(z))).toEqual([]);
  });

  it('agrees with Intl.DateTimeFormat on aliases, odd spellings and non-zones', () => {
    const names = [
      'US/Eastern', // a link, not in the canonical list
      'Asia/Calcutta',
      'Asia/Kolkata',
      'Etc/GMT+5',
      'UTC',
      'GMT',
      'europe/berlin', // Intl matches zone names case-insensitively
      'Africa/Monrovia',
      'America/St_Johns',
      'Mars/Olympus_Mons',
      'Europe/Berlin ',
      '+05:30',
      '',
      'Not a zone',
    ];
    for (const tz of names) expect([tz, isValidTimeZone(tz)]).toEqual([tz, intlAccepts(tz)]);
    expect(isValidTimeZone('US/Eastern')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });

  it('gives the same answer when asked again (the caches)', () => {
    for (let i = 0; i < 3; i++) {
      expect(isValidTimeZone('Europe/Berlin')).toBe(true);
      expect(isValidTimeZone('Nowhere/Land')).toBe(false);
      expect(isValidTimeZone('US/Pacific')).toBe(true);
    }
  });

  it('is what the config and API schemas use', () => {
    expect(timeZoneSchema.safeParse('US/Eastern').success).toBe(true);
    expect(timeZoneSchema.safeParse('Nowhere/Land').error?.issues[0]?.message).toMatch(/not a known IANA time zone/);
  });
});
