// An independent reading of the wall clock (Intl directly, not the planner's
// zone tables), so the MILP's notion of "working slot" cannot inherit a bug
// from the code it judges.
const formatters = new Map<string, Intl.DateTimeFormat>();

export interface Wall {
  weekday: number; // 0 = Monday
  minute: number; // minute of the local day
  offset: number; // minutes east of UTC
}

const WEEKDAY: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

export function wallAt(timeZone: string, t: number): Wall {
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
    });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
  const localMs = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return {
    weekday: WEEKDAY[parts.weekday!]!,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
    offset: Math.round((localMs - Math.floor(t / 60_000) * 60_000) / 60_000),
  };
}
