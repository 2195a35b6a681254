// Numbers and dates of the Insights page. Pure, so tests can check the text the table shows.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** 450 → "7 h 30 min", 60 → "1 h", 0 → "0 h". */
export function formatHours(minutes: number): string {
  const m = Math.round(minutes);
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest ? `${h} h ${rest} min` : `${h} h`;
}

/** A civil date "2026-11-30" as "Mon 30 Nov" in the user's locale (the date itself has no zone). */
export function formatCivilDate(date: string, withYear = false): string {
  const key = withYear ? 'y' : 'n';
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(undefined, {
      timeZone: 'UTC',
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      ...(withYear ? { year: 'numeric' } : {}),
    });
    dateFormats.set(key, f);
  }
  return f.format(new Date(`${date}T00:00:00Z`));
}

export function formatPercent(rate: number): string {
  return new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}
