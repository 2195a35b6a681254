// All-day events are calendar dates, not instants: they block the user's own
// local days, whatever zone the event was created in.
import { DAY, buildZone, dayFromIsoDate, firstInstantAtWall } from '../../../shared/time/zone';
import type { Interval } from './types';

/**
 * The instants covered by an all-day event from `startDate` to `endDate`
 * (exclusive, as Google gives it) in `timeZone`: from the first instant of
 * the start day to the first instant of the end day, so a day that starts in
 * a DST gap (e.g. America/Havana) still begins at its first real instant.
 */
export function allDayToInterval(startDate: string, endDate: string, timeZone: string): Interval {
  const d0 = dayFromIsoDate(startDate);
  const d1 = Math.max(dayFromIsoDate(endDate), d0 + 1);
  const zone = buildZone(timeZone, d0 * DAY - DAY, d1 * DAY + DAY);
  return { start: firstInstantAtWall(zone, d0 * DAY), end: firstInstantAtWall(zone, d1 * DAY) };
}
