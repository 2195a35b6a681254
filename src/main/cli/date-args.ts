// Dates typed on the command line. Where a day is meant (--from, --to, --due,
// --earliest) a plain date is enough: 2026-12-01 is that day in the user's
// zone (its start, or for an end its last moment = the next day's start). A
// wall time without an offset (2026-12-01T09:00) is read in the user's zone
// too; a full instant with Z or an offset is passed through untouched, so
// scripts get exactly what they sent (and the --json output is unchanged).
import { InvalidArgumentError } from 'commander';
import { wallToInstant } from '../core/sync/date-time';

export const DATE_HINT = 'use a date like 2026-12-01 or 2026-12-01T09:00';

/** What the user typed, resolved later against the settings' zone. */
export type DateArg =
  { kind: 'instant'; text: string } | { kind: 'day'; y: number; m: number; d: number } | { kind: 'wall'; wall: number };

const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?(?:Z|[+-]\d\d:?\d\d)$/i;
const DAY = /^(\d{4})-(\d\d)-(\d\d)$/;
const WALL = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d))?$/;

function realDay(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** A commander argument parser: a bad value is a usage error (exit 2) with the hint, not zod's wording. */
export function parseDateArg(value: string): DateArg {
  const text = value.trim();
  if (INSTANT.test(text) && !Number.isNaN(Date.parse(text))) return { kind: 'instant', text };
  const day = DAY.exec(text);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    if (realDay(y, m, d)) return { kind: 'day', y, m, d };
  }
  const wall = WALL.exec(text);
  if (wall) {
    const [y, m, d, h, mi, s] = wall.slice(1).map((x) => Number(x ?? 0)) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (realDay(y, m, d) && h < 24 && mi < 60 && s < 60) return { kind: 'wall', wall: Date.UTC(y, m - 1, d, h, mi, s) };
  }
  throw new InvalidArgumentError(`"${value}" is not a date; ${DATE_HINT}`);
}

/** The instant (ISO) a typed date names in `zone`; `edge: 'end'` reads a plain day as up to its end. */
export function resolveDateArg(arg: DateArg | undefined, zone: string, edge: 'start' | 'end'): string | undefined {
  if (!arg) return undefined;
  if (arg.kind === 'instant') return arg.text;
  if (arg.kind === 'wall') return new Date(wallToInstant(arg.wall, zone)).toISOString();
  const wall = Date.UTC(arg.y, arg.m - 1, arg.d + (edge === 'end' ? 1 : 0));
  return new Date(wallToInstant(wall, zone)).toISOString();
}
