// Wall-clock arithmetic in one IANA zone over a bounded window. The offset
// table is read once from the runtime's tz data (via @date-fns/tz) and then
// every conversion is plain arithmetic, so the planner never asks Intl per slot.
import { zoneOffsetMs } from '../zone-offset';

export const MINUTE = 60_000;
export const QUARTER = 15 * MINUTE;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** [start, end) during which the zone's UTC offset is `offset` ms. */
export interface OffsetSegment {
  start: number;
  end: number;
  offset: number;
}

export interface Zone {
  timeZone: string;
  segments: OffsetSegment[];
}

// Transitions are at least weeks apart in every zone; 6 h sampling cannot
// step over two of them.
const SAMPLE = 6 * HOUR;
const MARGIN = 2 * DAY;

function offsetMs(timeZone: string, t: number): number {
  return zoneOffsetMs(timeZone, t);
}

/** Builds the offset table covering [from, to) with a margin on both sides. */
export function buildZone(timeZone: string, from: number, to: number): Zone {
  const lo = from - MARGIN;
  const hi = Math.max(to, from) + MARGIN;
  const segments: OffsetSegment[] = [];
  let segStart = lo;
  let prevT = lo;
  let prevOff = offsetMs(timeZone, lo);
  for (let t = Math.min(lo + SAMPLE, hi); ; t = Math.min(t + SAMPLE, hi)) {
    const off = offsetMs(timeZone, t);
    if (off !== prevOff) {
      // Bisect to the exact millisecond where the offset changes.
      let a = prevT;
      let b = t;
      while (b - a > 1) {
        const mid = Math.floor((a + b) / 2);
        if (offsetMs(timeZone, mid) === prevOff) a = mid;
        else b = mid;
      }
      segments.push({ start: segStart, end: b, offset: prevOff });
      segStart = b;
      prevOff = offsetMs(timeZone, b);
    }
    prevT = t;
    if (t >= hi) break;
  }
  segments.push({ start: segStart, end: hi, offset: prevOff });
  return { timeZone, segments };
}

function segmentAt(zone: Zone, t: number): OffsetSegment {
  const segs = zone.segments;
  let a = 0;
  let b = segs.length - 1;
  while (a < b) {
    const mid = (a + b + 1) >> 1;
    if (segs[mid]!.start <= t) a = mid;
    else b = mid - 1;
  }
  return segs[a]!;
}

export function offsetAt(zone: Zone, t: number): number {
  return segmentAt(zone, t).offset;
}

/** Milliseconds of local wall time since 1970-01-01T00:00 local. */
export function wallMs(zone: Zone, t: number): number {
  return t + offsetAt(zone, t);
}

/** Civil day number (days since 1970-01-01) of a local wall time. */
export function dayOf(wall: number): number {
  return Math.floor(wall / DAY);
}

/** 0 = Monday … 6 = Sunday, for a civil day number. */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Civil date "YYYY-MM-DD" → civil day number (proleptic Gregorian). */
export function dayFromIsoDate(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a calendar date: "${date}"`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`not a calendar date: "${date}"`);
  }
  return ms / DAY;
}

/** First instant whose local wall clock reads `wall` or later. */
export function firstInstantAtWall(zone: Zone, wall: number): number {
  for (const seg of zone.segments) {
    const local0 = seg.start + seg.offset;
    const local1 = seg.end + seg.offset;
    if (wall < local1) return wall <= local0 ? seg.start : wall - seg.offset;
  }
  return wall - zone.segments[zone.segments.length - 1]!.offset;
}
