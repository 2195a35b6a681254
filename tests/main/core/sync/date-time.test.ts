// Google's dateTime strings: impossible dates refused instead of rolled over,
// offsets with seconds, and wall times placed in zones whose offset has
// seconds and a negative sign under an hour (Africa/Monrovia before 1972).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalInstant, parseDateTime, parseGeneral, wallToInstant } from '../../../../src/main/core/sync/date-time';
import { normalizeEvent } from '../../../../src/main/core/sync/normalize-event';
import { wallOf } from '../../../helpers/arb-google-event';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

describe('parseDateTime', () => {
  it("reads Google's own form by position exactly as the general parser reads it, and leaves every other text to it", () => {
    const chars = '0123456789-:TtZz+ .';
    const text = fc
      .record({
        y: fc.integer({ min: 0, max: 9999 }),
        mo: fc.integer({ min: 0, max: 13 }),
        d: fc.integer({ min: 0, max: 32 }),
        h: fc.integer({ min: 0, max: 25 }),
        mi: fc.integer({ min: 0, max: 61 }),
        s: fc.integer({ min: 0, max: 61 }),
        sep: fc.constantFrom('T', 'T', 'T', 't', ' '),
        tail: fc.oneof(
          fc.constantFrom('Z', 'Z', 'z', '', '.250Z'),
          fc
            .record({
              sign: fc.constantFrom('+', '-'),
              oh: fc.integer({ min: 0, max: 25 }),
              om: fc.integer({ min: 0, max: 61 }),
            })
            .map(({ sign, oh, om }) => `${sign}${pad(oh)}:${pad(om)}`),
        ),
        // Sometimes one character replaced: a non-digit in a number, a wrong separator.
        typo: fc.option(fc.tuple(fc.nat(24), fc.constantFrom(...chars)), { nil: undefined }),
      })
      .map((r) => {
        let t = `${pad(r.y, 4)}-${pad(r.mo)}-${pad(r.d)}${r.sep}${pad(r.h)}:${pad(r.mi)}:${pad(r.s)}${r.tail}`;
        if (r.typo && r.typo[0] < t.length) t = t.slice(0, r.typo[0]) + r.typo[1] + t.slice(r.typo[0] + 1);
        return t;
      });
    let fast = 0;
    fc.assert(
      fc.property(text, fc.constantFrom(null, 'Europe/Berlin', 'America/St_Johns'), (t, zone) => {
        const quick = canonicalInstant(t);
        if (quick !== null) fast++;
        expect(parseDateTime(t, zone)).toEqual(parseGeneral(t, zone));
        if (quick !== null) expect(parseGeneral(t, zone)).toEqual({ ok: true, ms: quick });
      }),
      { numRuns: 5_000 },
    );
    expect(fast).toBeGreaterThan(200); // the fast path was exercised, not only the fallback
    expect(canonicalInstant('2026-03-29T09:00:00+02:00')).toBe(Date.UTC(2026, 2, 29, 7));
    expect(canonicalInstant('2026-03-29T09:00:00')).toBeNull(); // a wall time: needs its zone
  });

  it('refuses a date the calendar does not have instead of rolling it over', () => {
    expect(parseDateTime('2018-02-30T07:00:00+02:00', null)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not a date'),
    });
    expect(parseDateTime('2019-02-29T07:00:00Z', null).ok).toBe(false);
    expect(parseDateTime('2020-02-29T07:00:00Z', null)).toEqual({ ok: true, ms: Date.UTC(2020, 1, 29, 7) });
    expect(parseDateTime('2026-04-31T07:00:00Z', null).ok).toBe(false);
    expect(parseDateTime('2026-04-30T24:00:00Z', null).ok).toBe(false);
    expect(parseDateTime('2026-04-30T23:60:00Z', null).ok).toBe(false);
  });

  it('reads offsets with seconds, with their sign', () => {
    expect(parseDateTime('1971-06-01T09:00:00-00:44:30', null)).toEqual({
      ok: true,
      ms: Date.UTC(1971, 5, 1, 9, 44, 30),
    });
    expect(parseDateTime('2026-03-29T09:00:00.250+05:45', null)).toEqual({
      ok: true,
      ms: Date.UTC(2026, 2, 29, 3, 15, 0, 250),
    });
  });

  it('property: accepts exactly the real dates, and then agrees with Date.parse', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1600, max: 2400 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (y, mo, d, h, mi, off) => {
          const offset = `${off < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
          const text = `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:00${offset}`;
          // Oracle: JS Date rolls an impossible day over into the next month.
          const real = new Date(Date.UTC(y, mo - 1, d)).getUTCDate() === d;
          const p = parseDateTime(text, null);
          expect(p.ok).toBe(real);
          if (p.ok) expect(p.ms).toBe(Date.parse(text));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('wallToInstant', () => {
  it('places a Monrovia wall time of 1971 at -00:44:30', () => {
    const wall = Date.UTC(1971, 5, 1, 9, 0, 0);
    expect(wallToInstant(wall, 'Africa/Monrovia')).toBe(Date.UTC(1971, 5, 1, 9, 44, 30));
  });

  it('property: the instant reads back as the same wall clock, the earlier one of a repeated hour, in every zone since 1850', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    fc.assert(
      fc.property(
        fc.constantFrom(...zones, 'Africa/Monrovia'),
        fc.integer({ min: Date.UTC(1850, 0, 1) / 1000, max: Date.UTC(2100, 0, 1) / 1000 }),
        (zone, sec) => {
          const t = sec * 1000;
          const wallText = wallOf(t, zone);
          const wall = Date.parse(`${wallText}Z`);
          const placed = wallToInstant(wall, zone);
          // The wall time came from a real instant, so it exists: it must read back exactly, at or before `t` (the earlier of a repeated hour).
          expect(wallOf(placed, zone)).toBe(wallText);
          expect(placed).toBeLessThanOrEqual(t);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('normalizeEvent with real calendar shapes', () => {
  const base = { id: 'e1', status: 'confirmed', summary: 'x' };

  it('skips an impossible timed date with a reason instead of storing 2 March', () => {
    const n = normalizeEvent(
      { ...base, start: { dateTime: '2018-02-30T07:00:00+02:00' }, end: { dateTime: '2018-02-30T08:00:00+02:00' } },
      'Europe/Berlin',
    );
    expect(n).toMatchObject({ kind: 'skip', id: 'e1', reason: expect.stringContaining('2018-02-30T07:00:00+02:00') });
  });

  it("places a floating wall time in Monrovia 1971 with the offset's sign and seconds", () => {
    const n = normalizeEvent(
      {
        ...base,
        start: { dateTime: '1971-06-01T09:00:00', timeZone: 'Africa/Monrovia' },
        end: { dateTime: '1971-06-01T10:00:00', timeZone: 'Africa/Monrovia' },
      },
      null,
    );
    expect(n).toMatchObject({
      kind: 'upsert',
      row: {
        startMs: Date.UTC(1971, 5, 1, 9, 44, 30),
        endMs: Date.UTC(1971, 5, 1, 10, 44, 30),
        timeZone: 'Africa/Monrovia',
      },
    });
  });

  it("gives an event without start.timeZone its calendar's zone", () => {
    const n = normalizeEvent(
      { ...base, start: { dateTime: '2026-03-02T09:00:00+01:00' }, end: { dateTime: '2026-03-02T10:00:00+01:00' } },
      'Europe/Berlin',
    );
    expect(n).toMatchObject({ kind: 'upsert', row: { timeZone: 'Europe/Berlin' } });
    const day = normalizeEvent(
      { ...base, start: { date: '2026-03-02' }, end: { date: '2026-03-03' } },
      'America/New_York',
    );
    expect(day).toMatchObject({ kind: 'upsert', row: { timeZone: 'America/New_York' } });
  });

  it('keeps endTimeUnspecified', () => {
    const raw = {
      ...base,
      endTimeUnspecified: true,
      start: { dateTime: '2026-03-02T09:00:00Z' },
      end: { dateTime: '2026-03-02T10:00:00Z' },
    };
    expect(normalizeEvent(raw, 'UTC')).toMatchObject({
      kind: 'upsert',
      row: { endTimeUnspecified: true, endMs: Date.UTC(2026, 2, 2, 10) },
    });
    expect(normalizeEvent({ ...raw, endTimeUnspecified: undefined }, 'UTC')).toMatchObject({
      row: { endTimeUnspecified: false },
    });
  });
});
