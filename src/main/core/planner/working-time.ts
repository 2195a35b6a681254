// Working hours (local wall time per weekday) → the 15-minute slots the
// planner may use. A slot is a local quarter hour whose every instant reads,
// on the wall clock, inside a working range of that local day.
import type { WorkingHours } from '../../../shared/domain';
import { WEEKDAYS } from '../../../shared/domain';
import { DAY, MINUTE, QUARTER, dayOf, weekdayOf, type Zone } from '../../../shared/time/zone';

/** Per weekday (0 = Monday), sorted and merged [startMinute, endMinute) ranges. */
export type DayRanges = Array<Array<[number, number]>>;

const HHMM = /^(\d{2}):(\d{2})$/;

export function parseHhmm(s: string): number {
  const m = HHMM.exec(s);
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || Number(m[2]) > 59 || minutes > 24 * 60) throw new RangeError(`working hours: "${s}" is not HH:MM`);
  return minutes;
}

export function parseWorkingHours(wh: WorkingHours): DayRanges {
  return WEEKDAYS.map((day) => {
    const ranges = (wh[day] ?? []).map(([a, b]): [number, number] => [parseHhmm(a), parseHhmm(b)]);
    ranges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    // Touching ranges (09:00–12:00, 12:00–17:00) must merge, or the quarter
    // that straddles an odd-minute seam would be lost.
    const merged: Array<[number, number]> = [];
    for (const [a, b] of ranges) {
      if (b <= a) continue;
      const last = merged[merged.length - 1];
      if (last && a <= last[1]) last[1] = Math.max(last[1], b);
      else merged.push([a, b]);
    }
    return merged;
  });
}

export function hasAnyWorkingHours(days: DayRanges): boolean {
  return days.some((r) => r.length > 0);
}

/**
 * Starts of all working slots in [from, to), ascending. Slots are aligned to
 * local quarter hours within each offset segment, so zones like +05:45 and
 * 30-minute DST shifts stay on the user's grid.
 */
export function workingSlotStarts(zone: Zone, days: DayRanges, from: number, to: number): number[] {
  const out: number[] = [];
  if (!(from < to)) return out;
  for (const seg of zone.segments) {
    const segFrom = Math.max(seg.start, from);
    const segTo = Math.min(seg.end, to);
    if (segFrom >= segTo) continue;
    const o = seg.offset;
    const firstDay = dayOf(segFrom + o);
    const lastDay = dayOf(segTo - 1 + o);
    let runStart = NaN;
    let runEnd = NaN;
    const flush = (): void => {
      if (!(runStart < runEnd)) return;
      let s = Math.ceil((runStart + o) / QUARTER) * QUARTER - o;
      for (; s + QUARTER <= runEnd; s += QUARTER) out.push(s);
    };
    for (let d = firstDay; d <= lastDay; d++) {
      for (const [a, b] of days[weekdayOf(d)]!) {
        const start = Math.max(d * DAY + a * MINUTE - o, segFrom);
        const end = Math.min(d * DAY + b * MINUTE - o, segTo);
        if (start >= end) continue;
        // 24:00 of one day touches 00:00 of the next: one run.
        if (start <= runEnd) runEnd = Math.max(runEnd, end);
        else {
          flush();
          runStart = start;
          runEnd = end;
        }
      }
    }
    flush();
  }
  return out;
}
