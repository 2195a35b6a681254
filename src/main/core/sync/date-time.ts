// Google's `dateTime` strings → UTC instants. Pure.
//
// Date.parse rolls an impossible date over ("2018-02-30T07:00:00+02:00" is
// 2 March) and refuses offsets with seconds; @date-fns/tz loses the sign of an
// offset like "-00:44:30" (Africa/Monrovia before 1972). So the fields are
// read and checked here, and a wall time without an offset is placed with
// `zoneOffsetMs`, which reads offsets to the second with their sign.
import { zoneOffsetMs } from '../../../shared/zone-offset';

const DAY_MS = 86_400_000;

// RFC 3339 date-time; the offset may carry seconds, and may be missing (a wall time in a zone).
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2})(?::?(\d{2}))?)?$/;

export type ParsedDateTime = { ok: true; ms: number } | { ok: false; reason: string };

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!;
}

/** The wall clock's fields as if it were UTC (a year below 100 stays that year). */
function wallAsUtc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
  if (y >= 100) return Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const t = new Date(Date.UTC(2000, mo - 1, d, h, mi, s, ms));
  t.setUTCFullYear(y);
  return t.getTime();
}

/**
 * The instant a wall time in `zone` names: in a repeated hour (fall-back) the
 * earlier one; in a skipped hour (spring-forward) the wall time read with the
 * offset before the change, which lands just after the gap, as clocks do.
 */
export function wallToInstant(wall: number, zone: string): number {
  const offsets = [
    ...new Set([
      zoneOffsetMs(zone, wall - DAY_MS),
      zoneOffsetMs(zone, wall - zoneOffsetMs(zone, wall)),
      zoneOffsetMs(zone, wall + DAY_MS),
    ]),
  ];
  const valid = offsets.map((o) => wall - o).filter((t) => t + zoneOffsetMs(zone, t) === wall);
  return valid.length > 0 ? Math.min(...valid) : wall - zoneOffsetMs(zone, wall - DAY_MS);
}

const digit = (text: string, i: number): number => {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
};
const two = (text: string, i: number): number => digit(text, i) * 10 + digit(text, i + 1);

/**
 * Google's own form, "2026-03-29T09:00:00Z" or "2026-03-29T09:00:00+02:00"
 * (nearly every dateTime a full sync reads), read by position: no regex match
 * array and its strings per time, twice per event. Null for anything else —
 * other forms, impossible fields, years below 1000 — which the general
 * parser below reads (or refuses with its reason); where both read a text
 * they agree (tests/main/core/sync/date-time.test.ts).
 */
export function canonicalInstant(text: string): number | null {
  const n = text.length;
  if (n !== 20 && n !== 25) return null;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':') return null;
  const y = two(text, 0) * 100 + two(text, 2);
  const mo = two(text, 5),
    d = two(text, 8),
    h = two(text, 11),
    mi = two(text, 14),
    s = two(text, 17);
  // NaN (a non-digit) fails every comparison below, so it ends here too.
  if (!(y >= 1000 && mo >= 1 && mo <= 12 && d >= 1 && h <= 23 && mi <= 59 && s <= 59)) return null;
  if (d > daysInMonth(y, mo)) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  if (n === 20) return text[19] === 'Z' ? wall : null;
  const sign = text[19] === '+' ? 1 : text[19] === '-' ? -1 : 0;
  const oh = two(text, 20),
    om = two(text, 23);
  if (sign === 0 || text[22] !== ':' || !(oh <= 23 && om <= 59)) return null;
  return wall - sign * (oh * 3600 + om * 60) * 1000;
}

/** Reads a Google `dateTime`: with an offset it is absolute; without one it is a wall time in `zone` (null: cannot be placed). */
export function parseDateTime(text: string, zone: string | null): ParsedDateTime {
  const fast = canonicalInstant(text);
  if (fast !== null) return { ok: true, ms: fast };
  return parseGeneral(text, zone);
}

/** Every RFC 3339 form Google may send, each field checked, with the reason when refused. */
export function parseGeneral(text: string, zone: string | null): ParsedDateTime {
  const m = DATE_TIME.exec(text);
  const shown = () => `"${text.slice(0, 40)}"`;
  if (!m) return { ok: false, reason: `${shown()} is not an RFC 3339 date and time` };
  const y = +m[1]!,
    mo = +m[2]!,
    d = +m[3]!,
    h = +m[4]!,
    mi = +m[5]!;
  const s = m[6] ? +m[6] : 0;
  const frac = m[7] ? +m[7].padEnd(3, '0').slice(0, 3) : 0;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo))
    return { ok: false, reason: `${shown()} is not a date of the calendar` };
  if (h > 23 || mi > 59 || s > 59) return { ok: false, reason: `${shown()} is not a time of day` };
  const wall = wallAsUtc(y, mo, d, h, mi, s, frac);
  if (m[8]) return { ok: true, ms: wall };
  if (m[9]) {
    const [oh, om, os] = [Number(m[10]), Number(m[11]), Number(m[12] ?? 0)];
    if (oh > 23 || om > 59 || os > 59) return { ok: false, reason: `${shown()} has no valid UTC offset` };
    const offset = (oh * 3600 + om * 60 + os) * 1000 * (m[9] === '-' ? -1 : 1);
    return { ok: true, ms: wall - offset };
  }
  if (!zone) return { ok: false, reason: `${shown()} has no UTC offset and no time zone to read it in` };
  return { ok: true, ms: wallToInstant(wall, zone) };
}
