// Times for people, in the user's configured zone (not the browser's), so
// the window shows what the planner and the tray mean.
import { TZDate } from '@date-fns/tz';
import { startOfWeek } from 'date-fns';
import { relativeTime } from '../../shared/relative-time';

const formats = new Map<string, Intl.DateTimeFormat>();
function fmt(zone: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone}|${JSON.stringify(opts)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(undefined, { ...opts, timeZone: zone });
    formats.set(key, f);
  }
  return f;
}

export function formatDateTime(iso: string | null, zone: string): string {
  if (!iso) return '—';
  return fmt(zone, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );
}

export function formatTime(iso: string, zone: string): string {
  return fmt(zone, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

export function formatDay(ms: number, zone: string): string {
  return fmt(zone, { weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(ms));
}

/** How long ago or until a time: the shared wording (src/shared/relative-time.ts). */
export const relative = relativeTime;

// The browser's locale writes the decimal separator (1,5 s in German).
const seconds = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatDuration(ms: number | null): string {
  if (ms === null) return '…';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${seconds.format(ms / 1000)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Monday 00:00 of the week holding `ms`, in `zone`, as an instant. */
export function weekStartIn(ms: number, zone: string): number {
  return startOfWeek(new TZDate(ms, zone), { weekStartsOn: 1 }).getTime();
}

/** The same wall-clock date, `days` later in `zone` (weeks across DST are not 7×24 h). */
export function addDaysIn(ms: number, days: number, zone: string): number {
  const d = new TZDate(ms, zone);
  return new TZDate(d.getFullYear(), d.getMonth(), d.getDate() + days, d.getHours(), d.getMinutes(), zone).getTime();
}

/**
 * The week lays out in the browser's zone. To show the user's zone
 * we hand it Dates whose browser-local wall clock equals the zone's.
 */
export function toWallClock(ms: number, zone: string): Date {
  const d = new TZDate(ms, zone);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds());
}

export function fromWallClock(d: Date, zone: string): number {
  return new TZDate(
    d.getFullYear(),
    d.getMonth(),
    d.getDate(),
    d.getHours(),
    d.getMinutes(),
    d.getSeconds(),
    zone,
  ).getTime();
}

/** An instant → the value of an <input type="datetime-local"> in `zone`. */
export function toLocalInput(iso: string | null, zone: string): string {
  if (!iso) return '';
  const d = new TZDate(Date.parse(iso), zone);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function fromLocalInput(value: string, zone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  // TZDate's own toISOString keeps the zone's offset; the contract speaks UTC.
  return new Date(new TZDate(y, mo - 1, d, h, mi, zone).getTime()).toISOString();
}
