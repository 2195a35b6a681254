// Time zone arithmetic with Intl only, independent of the process TZ (tests run
// under America/St_Johns and Asia/Kolkata on purpose). "Wall" values are
// milliseconds of a floating local time expressed as if it were UTC.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

// formatToParts is slow, and 100k events mean 100k distinct instants. Offsets
// change at most once on any UTC day, so a day whose start and end agree has one
// offset all day; only transition days are looked up per quarter hour (zones
// shift on quarter-hour boundaries). Bounded, for long runs.
const DAY = 86_400_000;
const QUARTER = 15 * 60 * 1000;
const offsetCache = new Map<string, number>();

function exactOffset(tz: string, at: number): number {
  const parts = formatter(tz).formatToParts(new Date(at));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - at) / 60000);
}

function cached(key: string, compute: () => number): number {
  const hit = offsetCache.get(key);
  if (hit !== undefined) return hit;
  const v = compute();
  if (offsetCache.size > 200_000) offsetCache.clear();
  offsetCache.set(key, v);
  return v;
}

/** Offset of `tz` at an instant, in minutes east of UTC. Unknown zones count as UTC. */
export function offsetMinutes(tz: string, instantMs: number): number {
  if (tz === 'UTC' || tz === 'Etc/UTC' || !isValidTimeZone(tz)) return 0;
  const day = Math.floor(instantMs / DAY);
  const startOff = cached(`${tz}@${day}`, () => exactOffset(tz, day * DAY));
  const nextOff = cached(`${tz}@${day + 1}`, () => exactOffset(tz, (day + 1) * DAY));
  if (startOff === nextOff) return startOff;
  const q = Math.floor(instantMs / QUARTER);
  return cached(`${tz}#${q}`, () => exactOffset(tz, q * QUARTER));
}

/** A flat copy of a string built by concatenation: V8 keeps such strings as trees of their pieces, which costs 100k stored events dearly. */
export function flat(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

export function instantToWall(tz: string, instantMs: number): number {
  return instantMs + offsetMinutes(tz, instantMs) * 60000;
}

/** The instant a wall-clock time names in `tz` (two passes settle DST edges). */
export function wallToInstant(tz: string, wallMs: number): number {
  const guess = wallMs - offsetMinutes(tz, wallMs) * 60000;
  return wallMs - offsetMinutes(tz, guess) * 60000;
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

function wallParts(wallMs: number): string {
  const d = new Date(wallMs);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** "2026-08-03T10:00:00+02:00", or "…Z" where the zone is at UTC, as Google writes event times. */
export function formatInZone(instantMs: number, tz: string): string {
  const off = offsetMinutes(tz, instantMs);
  const suffix =
    off === 0 ? 'Z' : `${off < 0 ? '-' : '+'}${pad(Math.trunc(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  return flat(wallParts(instantMs + off * 60000) + suffix);
}

// Bulk writes happen within the same millisecond: reuse the last string instead of storing copies.
function memoIso(): (ms: number) => string {
  let lastMs = NaN;
  let last = '';
  return (ms) => {
    if (ms !== lastMs) {
      lastMs = ms;
      last = new Date(ms).toISOString();
    }
    return last;
  };
}
const millis = memoIso();
const seconds = memoIso();

/** RFC 3339 with milliseconds, as in `updated` ("2026-07-18T14:41:14.687Z"). */
export const rfc3339Millis = (ms: number): string => millis(ms);

/** Seconds precision, as in `created` ("2026-07-18T14:40:25.000Z"). */
export const rfc3339Seconds = (ms: number): string => seconds(ms - (((ms % 1000) + 1000) % 1000));

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
const WITHOUT_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A query parameter timestamp: RFC 3339 with a mandatory offset (Google's rule for timeMin/timeMax). */
export function parseRfc3339(s: string): number | null {
  if (!WITH_OFFSET.test(s)) return null;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? null : ms;
}

/** A date "YYYY-MM-DD" as wall milliseconds (floating midnight). */
export function parseDate(s: string): number | null {
  const m = DATE.exec(s);
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

export function formatDate(wallMs: number): string {
  return wallParts(wallMs).slice(0, 10);
}

/** An event dateTime: with an offset it is absolute; without one it is wall time in `tz`. */
export function parseEventDateTime(s: string, tz: string): number | null {
  const abs = parseRfc3339(s);
  if (abs !== null) return abs;
  const m = WITHOUT_OFFSET.exec(s);
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  return wallToInstant(tz, wall);
}

/** "20260914T073000Z": the suffix of a timed instance id. */
export function basicUtc(instantMs: number): string {
  return new Date(instantMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** "20260914": the suffix of an all-day instance id. */
export function basicDate(wallMs: number): string {
  return formatDate(wallMs).replace(/-/g, '');
}
