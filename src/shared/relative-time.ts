// "just now", "3 minutes ago", "in 14 minutes", "8 days ago": the one way the
// window, the tray and the command line say how long ago something happened.
// date-fns words it; durations only, no dates, so no time zone is involved.
import { formatDistanceStrict } from 'date-fns';

/** Within this of `now` a time is "just now" (the window re-renders every 30 s). */
const JUST_NOW_MS = 60_000;

export function relativeTime(iso: string | null, now: number = Date.now()): string {
  if (!iso) return 'never';
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return 'unknown';
  if (Math.abs(at - now) < JUST_NOW_MS) return 'just now';
  // floor: "59 minutes ago" until the hour is full, as a clock would say it.
  return formatDistanceStrict(at, now, { addSuffix: true, roundingMethod: 'floor' });
}
