// Times and durations as the user reads them in reason texts: in their own
// zone (from the plan's offset table, so formatting costs no Intl call), and
// short when the moment is near.
import { DAY, MINUTE, dayOf, wallMs, weekdayOf, type Zone } from '../../../shared/time/zone';

const WEEKDAY = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTH = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "45 min", "3h", "1h45", "26h30". */
export function formatDuration(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest === 0 ? `${h}h` : `${h}h${String(rest).padStart(2, '0')}`;
}

/** "Fri 17:00" within six days of now, else "Fri 3 Apr 17:00" (with the year if it differs). */
export function formatWhen(zone: Zone, t: number, now: number): string {
  const wall = wallMs(zone, t);
  const day = dayOf(wall);
  const minute = Math.floor((wall - day * DAY) / MINUTE);
  const clock = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  const weekday = WEEKDAY[weekdayOf(day)]!;
  if (Math.abs(t - now) < 6 * DAY) return `${weekday} ${clock}`;
  const date = new Date(day * DAY);
  const year = date.getUTCFullYear();
  const sameYear = year === new Date(dayOf(wallMs(zone, now)) * DAY).getUTCFullYear();
  return `${weekday} ${date.getUTCDate()} ${MONTH[date.getUTCMonth()]}${sameYear ? '' : ` ${year}`} ${clock}`;
}
