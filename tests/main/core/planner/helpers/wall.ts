// The wall clock read straight from Intl, independent of the planner's own
// offset tables: the checker must not share the code it judges.
const formatters = new Map<string, Intl.DateTimeFormat>();
const cache = new Map<string, Wall>();

export interface Wall {
  /** Civil day number of the local date. */
  day: number;
  weekday: number; // 0 = Monday
  minute: number; // minute of the local day
  second: number;
  offsetMinutes: number;
}

const WEEKDAY: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

export function wallAt(timeZone: string, t: number): Wall {
  const key = `${timeZone}|${t}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  const localMs = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  const wall: Wall = {
    day: Math.floor(localMs / 86_400_000),
    weekday: WEEKDAY[p.weekday!]!,
    minute: Number(p.hour) * 60 + Number(p.minute),
    second: Number(p.second),
    offsetMinutes: Math.round((localMs - Math.floor(t / 1000) * 1000) / 60_000),
  };
  if (cache.size > 200_000) cache.clear();
  cache.set(key, wall);
  return wall;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The label reason texts use: "Fri 17:00" within six days of now, else "Fri 3 Apr 17:00" (+ year if not this year). */
export function whenLabel(timeZone: string, t: number, now: number): string {
  const w = wallAt(timeZone, t);
  const names = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const clock = `${String(Math.floor(w.minute / 60)).padStart(2, '0')}:${String(w.minute % 60).padStart(2, '0')}`;
  if (Math.abs(t - now) < 6 * 86_400_000) return `${names[w.weekday]} ${clock}`;
  const date = new Date(w.day * 86_400_000);
  const year = date.getUTCFullYear();
  const nowYear = new Date(wallAt(timeZone, now).day * 86_400_000).getUTCFullYear();
  return `${names[w.weekday]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}${year === nowYear ? '' : ` ${year}`} ${clock}`;
}
