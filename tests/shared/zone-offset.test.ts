import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zoneOffsetMs } from '../../src/shared/zone-offset';
import { intlOffsetMs } from '../helpers/intl-offset';

describe('zoneOffsetMs', () => {
  it('keeps the sign of offsets under an hour west of UTC, with seconds', () => {
    expect(zoneOffsetMs('Africa/Monrovia', Date.UTC(1971, 0, 2))).toBe(-(44 * 60 + 30) * 1000);
    expect(zoneOffsetMs('Africa/Monrovia', Date.UTC(1973, 0, 2))).toBe(0);
    expect(zoneOffsetMs('America/St_Johns', Date.UTC(2026, 0, 2))).toBe(-(3 * 60 + 30) * 60_000);
    expect(zoneOffsetMs('Asia/Kathmandu', Date.UTC(2026, 0, 2))).toBe((5 * 60 + 45) * 60_000);
    expect(zoneOffsetMs('UTC', 0)).toBe(0);
  });

  it('refuses an unknown zone', () => {
    expect(() => zoneOffsetMs('Mars/Olympus', 0)).toThrow(RangeError);
  });

  it('property: equals the wall clock minus the instant, in every zone and year since 1850', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2100, 0, 1) }),
        (zone, t) => {
          expect(zoneOffsetMs(zone, t)).toBe(intlOffsetMs(zone, t));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
