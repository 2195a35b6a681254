// fast-check generators of Google Calendar event JSON as real accounts hold
// it — and as hostile imports make it: odd and half-hour zones, instants next
// to DST changes written with an offset, as UTC or as a bare wall time,
// all-day spans, hostile and huge text, markers, attendees, tombstones.
import fc from 'fast-check';

export const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe', // 30-minute DST
  'Asia/Kathmandu', // +05:45
  'Pacific/Chatham', // +12:45 / +13:45
  'America/St_Johns', // -03:30 / -02:30
  'Pacific/Kiritimati', // +14
  'America/Santiago', // southern-hemisphere DST
  'Africa/Casablanca', // DST paused for Ramadan
] as const;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** "YYYY-MM-DDTHH:MM:SS" on the zone's wall clock at `ms`. */
export function wallOf(ms: number, zone: string): string {
  const p = Object.fromEntries(
    formatter(zone)
      .formatToParts(new Date(ms))
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

/** The zone's UTC offset at `ms`, in ms (east positive). */
export function offsetAt(ms: number, zone: string): number {
  const s = Math.floor(ms / 1000) * 1000;
  return Date.parse(`${wallOf(s, zone)}Z`) - s;
}

function offsetText(off: number): string {
  const m = Math.round(Math.abs(off) / 60_000);
  return `${off < 0 ? '-' : '+'}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

const YEAR = Date.UTC(2026, 0, 1);
/** Instants of 2026 where the zone's offset changes (found by a 3-hour scan, then bisected to the minute). */
export function transitions(zone: string): number[] {
  const out: number[] = [];
  const step = 3 * 3_600_000;
  for (let t = YEAR; t < YEAR + 365 * 86_400_000; t += step) {
    if (offsetAt(t, zone) === offsetAt(t + step, zone)) continue;
    let lo = t;
    let hi = t + step;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetAt(mid, zone) === offsetAt(lo, zone)) lo = mid;
      else hi = mid;
    }
    out.push(hi);
  }
  return out;
}
export const TRANSITIONS = new Map<string, number[]>(ZONES.map((z) => [z, transitions(z)]));

/** An instant (whole seconds) in 2026, a third of the time within 3 hours of one of the zone's DST changes. */
export function arbInstant(zone: string): fc.Arbitrary<number> {
  const near = TRANSITIONS.get(zone) ?? [];
  const anywhere = fc.integer({ min: YEAR / 1000, max: (YEAR + 365 * 86_400_000) / 1000 }).map((s) => s * 1000);
  if (near.length === 0) return anywhere;
  const dst = fc
    .tuple(fc.constantFrom(...near), fc.integer({ min: -180, max: 180 }), fc.integer({ min: 0, max: 59 }))
    .map(([t, min, s]) => t + min * 60_000 + s * 1000);
  return fc.oneof({ arbitrary: anywhere, weight: 2 }, { arbitrary: dst, weight: 1 });
}

export type TimeForm = 'offset' | 'utc' | 'wall' | 'wall-calendar-zone';

/** How a timed start/end was written, kept next to the JSON so tests can check the instant. */
export interface GeneratedTime {
  form: TimeForm;
  zone: string;
  ms: number;
  json: { dateTime: string; timeZone?: string };
}

export function writeTime(ms: number, zone: string, form: TimeForm): GeneratedTime {
  const wall = wallOf(ms, zone);
  if (form === 'offset')
    return { form, zone, ms, json: { dateTime: `${wall}${offsetText(offsetAt(ms, zone))}`, timeZone: zone } };
  if (form === 'utc')
    return { form, zone, ms, json: { dateTime: new Date(ms).toISOString().replace('.000Z', 'Z'), timeZone: zone } };
  if (form === 'wall') return { form, zone, ms, json: { dateTime: wall, timeZone: zone } };
  return { form, zone, ms, json: { dateTime: wall } };
}

export const hostileText = fc.oneof(
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 80 }), weight: 2 },
  {
    arbitrary: fc.constantFrom(
      '<script>alert(1)</script>',
      "'); DROP TABLE events; --",
      '\u202eevil.exe\u202c',
      'nul\u0000inside',
      '\ud800 lone surrogate',
      '会議 🗓️ اجتماع',
      '${process.exit(1)}',
      '\r\n\r\nHTTP/1.1 200 OK',
      '😀'.repeat(2_000),
      'a'.repeat(100_000),
    ),
    weight: 1,
  },
);

const HUGE = 'x'.repeat(1_000_000);

export interface GeneratedEvent {
  raw: Record<string, unknown>;
  calendarZone: string | null;
  start?: GeneratedTime;
  end?: GeneratedTime;
}

const eventId = fc.oneof(
  fc.stringMatching(/^[a-v0-9]{5,60}$/),
  fc.stringMatching(/^[a-v0-9]{8,26}_20260[1-9][0-2]\dT\d{6}Z$/),
  fc.string({ minLength: 1, maxLength: 40 }),
);

const timed = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    form: fc.constantFrom<TimeForm>('offset', 'utc', 'wall', 'wall-calendar-zone'),
    lengthMin: fc.oneof(
      fc.integer({ min: 0, max: 240 }),
      fc.integer({ min: -120, max: -1 }),
      fc.integer({ min: 1_440, max: 4_320 }),
    ),
  })
  .chain(({ zone, form, lengthMin }) =>
    arbInstant(zone).map((ms) => ({
      start: writeTime(ms, zone, form),
      end: writeTime(ms + lengthMin * 60_000, zone, form),
    })),
  );

const allDay = fc
  .record({
    day: fc.integer({ min: 0, max: 364 }),
    days: fc.integer({ min: -2, max: 14 }),
    bad: fc.constantFrom(null, null, null, '2026-02-30', '2026-13-01', '26-1-1', ''),
  })
  .map(({ day, days, bad }) => {
    const d = (n: number) => new Date(YEAR + n * 86_400_000).toISOString().slice(0, 10);
    return { start: { date: bad ?? d(day) }, end: { date: d(day + days) } };
  });

/** A Google event as events.list returns it (singleEvents=true), sometimes a tombstone. */
export const arbGoogleEvent: fc.Arbitrary<GeneratedEvent> = fc
  .record({
    id: eventId,
    status: fc.constantFrom('confirmed', 'confirmed', 'tentative', 'cancelled'),
    summary: fc.option(hostileText, { nil: undefined }),
    description: fc.oneof(
      { arbitrary: fc.option(hostileText, { nil: undefined }), weight: 20 },
      { arbitrary: fc.constant(HUGE), weight: 1 },
    ),
    location: fc.option(hostileText, { nil: undefined }),
    transparency: fc.constantFrom(undefined, 'opaque', 'transparent', 'weird'),
    eventType: fc.constantFrom(undefined, 'default', 'focusTime', 'outOfOffice', 'workingLocation', 'fromGmail'),
    self: fc.constantFrom(undefined, 'accepted', 'declined', 'tentative', 'needsAction', 'bogus'),
    markers: fc.option(
      fc.record({ calsyncTaskId: fc.string({ maxLength: 30 }), calsyncProposalId: fc.string({ maxLength: 30 }) }),
      { nil: undefined },
    ),
    when: fc.oneof(
      { arbitrary: timed.map((t) => ({ kind: 'timed' as const, ...t })), weight: 4 },
      { arbitrary: allDay.map((a) => ({ kind: 'all-day' as const, ...a })), weight: 1 },
    ),
    calendarZone: fc.constantFrom<string | null>(null, ...ZONES, 'Not/AZone'),
    series: fc.boolean(),
  })
  .map((g) => {
    const timedWhen = g.when.kind === 'timed' ? g.when : null;
    const raw: Record<string, unknown> = {
      kind: 'calendar#event',
      etag: '"3512345678901234"',
      id: g.id,
      status: g.status,
      summary: g.summary,
      description: g.description,
      location: g.location,
      transparency: g.transparency,
      eventType: g.eventType,
      updated: '2026-11-28T10:00:00.123Z',
      start: timedWhen ? timedWhen.start.json : g.when.start,
      end: timedWhen ? timedWhen.end.json : g.when.end,
      ...(g.series
        ? { recurringEventId: g.id.split('_')[0], originalStartTime: timedWhen ? timedWhen.start.json : g.when.start }
        : {}),
      ...(g.self
        ? {
            attendees: [
              { email: 'me@example.test', self: true, responseStatus: g.self },
              { email: 'x@example.test', responseStatus: 'accepted' },
            ],
          }
        : {}),
      ...(g.markers ? { extendedProperties: { private: g.markers } } : {}),
    };
    // A wall time without its own zone is read in the calendar's zone.
    const calendarZone = timedWhen?.start.form === 'wall-calendar-zone' ? timedWhen.start.zone : g.calendarZone;
    return { raw, calendarZone, start: timedWhen?.start, end: timedWhen?.end };
  });
