// The UTC offset of an IANA zone at an instant, to the second.
//
// @date-fns/tz's tzOffset parses Intl's "GMT-00:44:30" as +44.5 minutes: for
// an offset between -1 h and 0 with minutes (local mean time, e.g.
// Africa/Monrovia before 1972) the sign of "-00" is lost. Reading the sign from
// the string keeps every zone right, seconds included.
const formats = new Map<string, (d: Date) => string>();

function offsetFormat(timeZone: string): (d: Date) => string {
  let format = formats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).format;
    } catch {
      throw new RangeError(`unknown time zone "${timeZone}"`);
    }
    formats.set(timeZone, format);
  }
  return format;
}

const OFFSET = /GMT(?:([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?)?$/;

/** Milliseconds to add to a UTC instant to get the zone's wall clock. Throws RangeError for an unknown zone. */
export function zoneOffsetMs(timeZone: string, t: number): number {
  const text = offsetFormat(timeZone)(new Date(t));
  const m = OFFSET.exec(text);
  if (!m) throw new RangeError(`cannot read the UTC offset of "${timeZone}" from "${text}"`);
  if (!m[1]) return 0;
  const magnitude = (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0)) * 1000;
  return m[1] === '-' ? -magnitude : magnitude;
}
