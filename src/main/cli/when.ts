// Times for people: in the user's zone (settings.timeZone), with the zone
// named, instead of the UTC instants the JSON carries. Pure: the zone is an
// argument, so tests pass whatever TZ the machine runs in.
const formats = new Map<string, Intl.DateTimeFormat>();

function format(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    // en-GB with fixed fields: "Mon 1 Mar 2021, 09:00" — no locale-dependent surprises in scripts' logs.
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(zone, f);
  }
  return f;
}

function parts(t: number, zone: string): { day: string; time: string } {
  const p = Object.fromEntries(
    format(zone)
      .formatToParts(new Date(t))
      .map((x) => [x.type, x.value]),
  );
  return { day: `${p.weekday} ${p.day} ${p.month} ${p.year}`, time: `${p.hour}:${p.minute}` };
}

/** "Mon 1 Mar 2021 09:00 Europe/Berlin"; `withZone: false` where a header already names it. */
export function when(iso: string | null, zone: string, withZone = true): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const p = parts(t, zone);
  return `${p.day} ${p.time}${withZone ? ` ${zone}` : ''}`;
}

/** "Mon 1 Mar 2021 09:00–09:15", the day written once when both ends share it. */
export function span(startIso: string, endIso: string, zone: string, withZone = true): string {
  const a = parts(Date.parse(startIso), zone);
  const b = parts(Date.parse(endIso), zone);
  const end = a.day === b.day ? b.time : `${b.day} ${b.time}`;
  return `${a.day} ${a.time}–${end}${withZone ? ` ${zone}` : ''}`;
}

/** "Fri 5 Mar 2021 (all day)" for an all-day event; `endDate` is exclusive, as Google gives it. */
export function allDay(startDate: string, endDate: string | null): string {
  const day = (d: string) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'UTC',
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
    })
      .format(new Date(`${d}T00:00:00Z`))
      .replace(/,/g, '');
  const last = endDate
    ? new Date(Date.parse(`${endDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
    : startDate;
  return last === startDate ? `${day(startDate)} (all day)` : `${day(startDate)} – ${day(last)} (all day)`;
}

/** The header of a time column: the zone named once for the whole table. */
export const whenHeader = (zone: string): string => `when (${zone})`;
