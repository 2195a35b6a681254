// Working hours (local wall time per weekday) → the instants of [from, to)
// whose wall clock, in the user's zone, reads inside a working range of its
// local day. Mapped per UTC-offset segment, as the planner's slots are, so a
// repeated hour when clocks go back counts twice and a skipped one not at all.
import type { WorkingHours } from '../../../shared/domain';
import { parseWorkingHours } from '../planner/working-time';
import { DAY, MINUTE, dayOf, weekdayOf, type Zone } from '../../../shared/time/zone';
import { union, type Span } from './intervals';

export function workingSpans(zone: Zone, workingHours: WorkingHours, from: number, to: number): Span[] {
  const days = parseWorkingHours(workingHours);
  const out: Span[] = [];
  for (const seg of zone.segments) {
    const segFrom = Math.max(seg.start, from);
    const segTo = Math.min(seg.end, to);
    if (segFrom >= segTo) continue;
    const o = seg.offset;
    for (let d = dayOf(segFrom + o); d <= dayOf(segTo - 1 + o); d++) {
      for (const [a, b] of days[weekdayOf(d)]!) {
        const start = Math.max(d * DAY + a * MINUTE - o, segFrom);
        const end = Math.min(d * DAY + b * MINUTE - o, segTo);
        if (start < end) out.push([start, end]);
      }
    }
  }
  return union(out);
}
