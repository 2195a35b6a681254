// What the world does to Google between and during trials: a user editing
// their calendars (never calsync's own blocks), sync tokens dying, and the
// faults the fake serves while a trial runs.
import type { FaultKind, GoogleEvent } from '../../tests/fakes/google';
import type { Rng } from './rng';
import type { ChaosWorld } from './world';

const HOUR = 3_600_000;

// calsync's own events (accepted blocks, busy mirrors): hand edits of those have tests of their own.
const isBlock = (e: GoogleEvent) =>
  Boolean(e.extendedProperties?.private?.calsyncProposalId || e.extendedProperties?.private?.calsyncMirrorRule);

/** `n` random inserts, edits and deletions; some land in the planner's window so accepted blocks meet new meetings. */
export function editGoogle(w: ChaosWorld, r: Rng, n: number): void {
  const g = w.google;
  // Most edits hit one calendar, so its incremental listing spans several pages.
  const focus = r.pick(w.calendars);
  for (let i = 0; i < n; i++) {
    const cal = r.chance(0.6) ? focus : r.pick(w.calendars);
    const live = g.liveEvents(cal).filter((e) => !e.recurringEventId && !isBlock(e));
    const op = live.length < 10 ? 0 : r.int(0, 2);
    if (op === 0) {
      // Within the next two weeks (the planner's horizon) or in the past spring.
      const start = r.chance(0.5)
        ? Date.now() + r.int(1, 14 * 24) * HOUR
        : Date.UTC(2026, 3, r.int(1, 28), r.int(6, 18));
      const end = start + r.pick([30, 60, 90]) * 60_000;
      g.insertEvent(cal, {
        summary: `chaos ${r.int(0, 1e6)}`,
        start: { dateTime: new Date(start).toISOString() },
        end: { dateTime: new Date(end).toISOString() },
      });
    } else if (op === 1) {
      const victim = r.pick(live);
      g.patchEvent(
        cal,
        victim.id!,
        r.chance(0.7)
          ? { summary: `renamed ${r.int(0, 1e6)}` }
          : { transparency: r.chance(0.5) ? 'transparent' : 'opaque' },
      );
    } else {
      g.deleteEvent(cal, r.pick(live).id!);
    }
  }
  if (r.chance(0.08)) g.invalidateSyncTokens(r.pick(w.calendars));
}

const LIGHT: FaultKind[] = [
  'rateLimitExceeded',
  'userRateLimitExceeded',
  'tooManyRequests',
  'backendError',
  'unavailable',
];
const HEAVY: FaultKind[] = [...LIGHT, 'reset', 'hang', 'malformed-json', 'sync-token-gone'];

/** Seeded random faults on Calendar calls for the rest of the trial. */
export function armFaults(w: ChaosWorld, r: Rng, level: 'light' | 'heavy'): void {
  const pool = level === 'light' ? LIGHT : HEAVY;
  const kinds = pool.filter(() => r.chance(0.45));
  if (kinds.length === 0) kinds.push(r.pick(pool));
  // A 410 is only ever served on an incremental listing (the fake checks), so give it a fair chance.
  if (level === 'heavy' && r.chance(0.5) && !kinds.includes('sync-token-gone')) kinds.push('sync-token-gone');
  if (level === 'heavy' && r.chance(0.4)) w.tally.fail410MidPaging();
  w.google.faults.random({
    seed: r.int(1, 2 ** 30),
    probability: level === 'light' ? 0.08 : 0.18,
    kinds,
    retryAfter: r.chance(0.35) ? 1 : r.chance(0.5) ? 0 : undefined,
  });
}
