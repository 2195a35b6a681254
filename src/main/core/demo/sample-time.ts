// The demo's "now": the real clock, or a fixed instant the clock starts from
// (`calsync demo --now …`), so screenshots and tests see the same week every
// time while time still moves forward during the session (syncs, "just now").
import { AppError } from '../../../shared/errors';
import { isoInstantSchema } from '../../../shared/schemas';
import type { Clock } from '../clock';

/** A clock that reads `start` at the moment it is made, then runs at real speed. */
export function sampleClock(start: number | null, real: () => number = Date.now): Clock {
  if (start === null) return { now: real };
  const offset = start - real();
  return { now: () => real() + offset };
}

/** `--now` as given on the command line: an ISO instant; null when absent. */
export function parseSampleNow(text: string | undefined): number | null {
  if (text === undefined) return null;
  const parsed = isoInstantSchema.safeParse(text);
  if (!parsed.success)
    throw new AppError('bad-input', `--now wants an instant like 2026-03-04T10:00:00Z, not "${text}"`);
  return Date.parse(parsed.data);
}

/** The sample account `calsync demo` shows when no --seed is given. */
export const DEFAULT_DEMO_SEED = 1;
