// The plan repairs itself (issue 18): a habit block a meeting lands on gets a
// move, and the move is checked against an oracle that reads the wall clock
// from Intl (not the planner's offset tables) and tries every quarter hour by
// brute force. The move must never leave the habit's window on the block's
// own local day, never land on busy time (with its buffer), and must be the
// nearest valid start (earlier on ties); when there is none, the oracle must
// agree that none exists, and the conflict says why.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findHabitConflicts } from '../../../../src/main/core/planner';
import type {
  AcceptedBlock,
  BusyInterval,
  HabitPlanInput,
  Interval,
  PlannerHabit,
} from '../../../../src/main/core/planner/types';
import { ZONES } from './helpers/arbitraries';
import { wallAt } from './helpers/wall';

const MIN = 60_000;
const Q = 15 * MIN;
const DAY = 86_400_000;
const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const mins = (s: string): number => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));

// Around 2026's clock changes (US 8 Mar, EU 29 Mar, Lord Howe/Chatham 5 Apr, EU 25 Oct, US 1 Nov) and a plain week.
const ANCHORS = [
  Date.UTC(2026, 2, 6),
  Date.UTC(2026, 2, 27),
  Date.UTC(2026, 3, 3),
  Date.UTC(2026, 9, 23),
  Date.UTC(2026, 9, 30),
  Date.UTC(2026, 5, 10),
];

interface Case {
  input: HabitPlanInput & { proposals: Interval[] };
  habit: PlannerHabit;
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    anchor: fc.constantFrom(...ANCHORS),
    nowQ: fc.integer({ min: 0, max: 3 * 96 }),
    lead: fc.constantFrom(0, 15, 30, 120),
    buffer: fc.constantFrom(0, 5, 10, 15, 30),
    winStart: fc.integer({ min: 0, max: 80 }).map((x) => x * 15),
    winLen: fc.integer({ min: 2, max: 24 }).map((x) => x * 15),
    durQ: fc.integer({ min: 1, max: 8 }),
    blocks: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 4 }),
    blockPos: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 4, maxLength: 4 }),
    meetings: fc.array(
      fc.record({
        on: fc.integer({ min: 0, max: 3 }),
        shift: fc.integer({ min: -8, max: 8 }),
        lenQ: fc.integer({ min: 1, max: 12 }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    others: fc.array(fc.record({ at: fc.integer({ min: 0, max: 8 * 96 }), lenQ: fc.integer({ min: 1, max: 8 }) }), {
      maxLength: 4,
    }),
  })
  .map((r) => {
    const now = r.anchor + r.nowQ * Q;
    const winEnd = Math.min(24 * 60, r.winStart + r.winLen);
    const habit: PlannerHabit = {
      id: 'habit',
      durationMinutes: Math.min(r.durQ * 15, winEnd - r.winStart),
      minDurationMinutes: null,
      frequency: { kind: 'daily' },
      window: { start: hhmm(r.winStart), end: hhmm(winEnd) },
      priority: 3,
      droppable: true,
    };
    const len = habit.durationMinutes * MIN;
    // Accepted blocks of the habit at quarter instants on distinct days ahead (not necessarily in the window).
    const accepted: AcceptedBlock[] = r.blocks.map((d, i) => {
      const start = now - (now % Q) + d * DAY + r.blockPos[i]! * 4 * Q;
      return { proposalId: `b${i}`, taskId: 'habit', start, end: start + len, googleEventId: `ev${i}` };
    });
    const busy: BusyInterval[] = accepted.map((a) => ({ start: a.start, end: a.end, eventId: a.googleEventId }));
    for (const m of r.meetings) {
      const a = accepted[m.on % accepted.length]!;
      const start = a.start + m.shift * Q;
      busy.push({ start, end: start + m.lenQ * Q, eventId: `m${busy.length}` });
    }
    const proposals = r.others.map((o) => ({
      start: now - (now % Q) + o.at * Q,
      end: now - (now % Q) + (o.at + o.lenQ) * Q,
    }));
    const input = {
      now,
      timeZone: r.timeZone,
      workingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      bufferMinutes: r.buffer,
      horizonDays: 7,
      leadTimeMinutes: r.lead,
      tasks: [],
      habits: [habit],
      busy,
      accepted,
      previous: [],
      rejected: [],
      proposals,
    };
    return { input, habit };
  });

/** Brute force: every conflict and its nearest valid start, from Intl and the rules as written. */
function oracle({ input, habit }: Case): Map<string, Interval | null> {
  const tz = input.timeZone;
  const buffer = input.bufferMinutes * MIN;
  const own = new Set(input.accepted.map((a) => a.googleEventId));
  const busy = input.busy.filter((b) => !own.has(b.eventId));
  const hits = (x: Interval, list: Interval[], buf: number) =>
    list.some((b) => b.start - buf < x.end && b.end + buf > x.start);
  const sorted = [...input.accepted].sort((a, b) => a.start - b.start || (a.proposalId < b.proposalId ? -1 : 1));
  const clashing = sorted.filter((a) => a.end > input.now && hits(a, busy, 0));
  const claims: Interval[] = [...busy, ...sorted.filter((a) => !clashing.includes(a)), ...input.proposals];
  const [ws, we] = [mins(habit.window.start), mins(habit.window.end)];
  const inWindow = (t: number, day: number) => {
    const a = wallAt(tz, t);
    const b = wallAt(tz, t + Q - 1);
    return a.day === day && b.day === day && a.minute >= ws && b.minute < we;
  };
  const out = new Map<string, Interval | null>();
  for (const block of clashing) {
    const day = wallAt(tz, block.start).day;
    const len = block.end - block.start;
    let best: number | null = null;
    for (let t = block.start - 30 * 3_600_000; t <= block.start + 30 * 3_600_000; t += Q) {
      if (t < input.now + input.leadTimeMinutes * MIN) continue;
      let ok = true;
      for (let q = t; q < t + len && ok; q += Q) ok = inWindow(q, day);
      if (!ok || hits({ start: t, end: t + len }, claims, buffer)) continue;
      if (best === null || Math.abs(t - block.start) < Math.abs(best - block.start)) best = t;
    }
    const move = best === null ? null : { start: best, end: best + len };
    if (move) claims.push(move);
    out.set(block.proposalId, move);
  }
  return out;
}

describe('findHabitConflicts against a brute-force oracle', () => {
  it('a proposed move stays in the window of its day, off busy time, and is the nearest one', () => {
    const seen = { moved: 0, stuck: 0 };
    fc.assert(
      fc.property(caseArb, (c) => {
        const got = findHabitConflicts(c.input);
        const want = oracle(c);
        expect(new Map(got.map((x) => [x.proposalId, x.moveTo]))).toEqual(want);
        for (const x of got) {
          seen[x.moveTo ? 'moved' : 'stuck']++;
          if (x.moveTo) expect(x.reason).toBeUndefined();
          else expect(x.reason).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d+ \w{3}: /);
        }
      }),
      { numRuns: 300 },
    );
    // Not vacuous: both outcomes occur many times. Over seeds 1–12 the 300 runs gave 310–351 moves and
    // 53–78 blocks with nowhere to go; the bounds sit some 5 standard deviations below, so a random
    // seed does not fail them by chance (a bound of 50 did, once: 50 stuck).
    expect(seen.moved).toBeGreaterThan(200);
    expect(seen.stuck).toBeGreaterThan(25);
  });
});
