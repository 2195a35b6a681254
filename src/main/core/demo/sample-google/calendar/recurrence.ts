// Expands a recurring master into the instances events.list(singleEvents=true)
// returns. Rules run on floating wall time in the event's zone, so a 09:30
// Amsterdam meeting stays at 09:30 across DST, as Google does. Finite series
// expand completely; infinite ones stop at a horizon (see FakeGoogle options),
// where Google has none.
import * as rruleNs from 'rrule';
import type { GoogleEvent, GoogleEventDateTime } from '../types';
import {
  basicDate,
  basicUtc,
  formatDate,
  formatInZone,
  instantToWall,
  isValidTimeZone,
  parseDate,
  parseEventDateTime,
  wallToInstant,
} from './time';

// rrule ships CJS to Node and ESM to bundlers; take whichever shape arrived.
const rrule = ((rruleNs as unknown as { default?: typeof rruleNs }).default ?? rruleNs) as typeof rruleNs;

/** A runaway rule (FREQ=SECONDLY…) must not take the fake down. */
const MAX_INSTANCES = 10_000;

export interface Occurrence {
  id: string;
  startMs: number;
  endMs: number;
  start: GoogleEventDateTime;
  end: GoogleEventDateTime;
  originalStartTime: GoogleEventDateTime;
}

export function isRecurringMaster(ev: GoogleEvent): boolean {
  return Array.isArray(ev.recurrence) && ev.recurrence.length > 0 && !ev.recurringEventId;
}

/** An RDATE/EXDATE value as floating wall time in `tz`. */
function icalValueToWall(value: string, paramTz: string | undefined, tz: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/i.exec(value.trim());
  if (!m) return null;
  const wall = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
  );
  if (m[7]) return instantToWall(tz, wall); // UTC instant
  if (paramTz && paramTz !== tz && isValidTimeZone(paramTz)) return instantToWall(tz, wallToInstant(paramTz, wall));
  return wall;
}

function buildSet(lines: string[], dtstartWall: number, tz: string): { set: rruleNs.RRuleSet; infinite: boolean } {
  const set = new rrule.RRuleSet();
  let infinite = false;
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const head = line.slice(0, colon).split(';');
    const value = line.slice(colon + 1);
    const name = (head[0] ?? '').toUpperCase();
    const paramTz = head
      .slice(1)
      .find((p) => p.toUpperCase().startsWith('TZID='))
      ?.slice(5);
    if (name === 'RRULE' || name === 'EXRULE') {
      const opts = rrule.RRule.parseString(value);
      opts.dtstart = new Date(dtstartWall);
      opts.tzid = null;
      // UNTIL with a Z is an instant; the rule runs on wall time, so move it there.
      if (opts.until && /UNTIL=\d{8}T\d{6}Z/i.test(value))
        opts.until = new Date(instantToWall(tz, opts.until.getTime()));
      const rule = new rrule.RRule(opts);
      if (name === 'RRULE' && !opts.count && !opts.until) infinite = true;
      if (name === 'RRULE') set.rrule(rule);
      else set.exrule(rule);
    } else if (name === 'RDATE' || name === 'EXDATE') {
      for (const v of value.split(',')) {
        const wall = icalValueToWall(v, paramTz, tz);
        if (wall === null) continue;
        if (name === 'RDATE') set.rdate(new Date(wall));
        else set.exdate(new Date(wall));
      }
    }
  }
  return { set, infinite };
}

/** Finite series (COUNT/UNTIL) expand completely; only infinite ones stop at the horizon. */
function occurrencesWall(
  { set, infinite }: { set: rruleNs.RRuleSet; infinite: boolean },
  fromWall: number,
  horizonWall: number,
): number[] {
  const out: number[] = [];
  const collect = (d: Date) => {
    out.push(d.getTime());
    return out.length < MAX_INSTANCES;
  };
  if (infinite) set.between(new Date(fromWall - 1), new Date(horizonWall), true, collect);
  else set.all((d) => (d.getTime() >= fromWall ? collect(d) : true));
  return out;
}

/** Every instance of `master` that starts before the horizon, in order. Empty when the master is malformed. */
export function expandSeries(master: GoogleEvent, calTz: string, horizonMs: number): Occurrence[] {
  const lines = master.recurrence ?? [];
  const masterId = master.id ?? '';
  if (master.start?.date) {
    const startWall = parseDate(master.start.date);
    const endWall = master.end?.date ? parseDate(master.end.date) : null;
    if (startWall === null) return [];
    const dur = (endWall ?? startWall + 86_400_000) - startWall;
    const set = buildSet(lines, startWall, calTz);
    return occurrencesWall(set, startWall, instantToWall(calTz, horizonMs)).map((w) => {
      const startMs = wallToInstant(calTz, w);
      const date = { date: formatDate(w) };
      return {
        id: `${masterId}_${basicDate(w)}`,
        startMs,
        endMs: wallToInstant(calTz, w + dur),
        start: date,
        end: { date: formatDate(w + dur) },
        originalStartTime: { ...date },
      };
    });
  }
  if (!master.start?.dateTime) return [];
  const tz = master.start.timeZone && isValidTimeZone(master.start.timeZone) ? master.start.timeZone : calTz;
  const startMs = parseEventDateTime(master.start.dateTime, tz);
  if (startMs === null) return [];
  const endMs = master.end?.dateTime
    ? (parseEventDateTime(master.end.dateTime, master.end.timeZone ?? tz) ?? startMs)
    : startMs;
  const dur = endMs - startMs;
  const startWall = instantToWall(tz, startMs);
  const set = buildSet(lines, startWall, tz);
  const endTz = master.end?.timeZone && isValidTimeZone(master.end.timeZone) ? master.end.timeZone : tz;
  return occurrencesWall(set, startWall, instantToWall(tz, horizonMs)).map((w) => {
    const s = wallToInstant(tz, w);
    const start: GoogleEventDateTime = { dateTime: formatInZone(s, tz) };
    if (master.start?.timeZone) start.timeZone = master.start.timeZone;
    const end: GoogleEventDateTime = { dateTime: formatInZone(s + dur, endTz) };
    if (master.end?.timeZone) end.timeZone = master.end.timeZone;
    return {
      id: `${masterId}_${basicUtc(s)}`,
      startMs: s,
      endMs: s + dur,
      start,
      end,
      originalStartTime: { ...start },
    };
  });
}

/** The instance id an original start names: "2026-09-14T09:30:00+02:00" → master_20260914T073000Z, "2026-04-20" → master_20260420. */
export function instanceIdFor(masterId: string, originalStart: string): string | null {
  const d = parseDate(originalStart);
  if (d !== null) return `${masterId}_${basicDate(d)}`;
  const ms = Date.parse(originalStart);
  return Number.isNaN(ms) ? null : `${masterId}_${basicUtc(ms)}`;
}
