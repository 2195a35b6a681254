// checkDrop() judged two ways: against plan() (every block the planner
// proposes is a legal drop — the two share the hard rules) and against an
// oracle written here from the rules alone (Intl wall clock, minute-by-minute
// working-hours test, plain overlap loops), which must name the same first
// failing rule for any drop, legal or not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plan } from '../../../../src/main/core/planner';
import { checkDrop, type DropInput } from '../../../../src/main/core/planner/drop';
import type { PlanInput } from '../../../../src/main/core/planner/types';
import type { DropReason } from '../../../../src/shared/api';
import { planInput } from './helpers/arbitraries';
import { workingQuarter } from './helpers/checker';
import { wallAt } from './helpers/wall';

const MIN = 60_000;
const Q = 15 * MIN;
const DAY = 86_400_000;

/** What the planner treats as busy for a block of `taskId`: meetings (not accepted blocks' own events) and every accepted block. */
function dropInputFor(input: PlanInput, taskId: string, start: number, end: number): DropInput {
  const own = new Set(input.accepted.map((a) => a.googleEventId));
  return {
    ...input,
    task: input.tasks.find((t) => t.id === taskId)!,
    start,
    end,
    busy: [
      ...input.busy.filter((b) => !own.has(b.eventId)),
      ...input.accepted.map((a) => ({ start: a.start, end: a.end, eventId: a.googleEventId })),
    ],
    ownAccepted: input.accepted.filter((a) => a.taskId === taskId),
  };
}

/** The rules in their documented order, from scratch. */
function oracle(d: DropInput): DropReason | null {
  const { task, start, end, now } = d;
  const onGrid = (t: number) => {
    const w = wallAt(d.timeZone, t);
    return w.second === 0 && w.minute % 15 === 0 && t % 1000 === 0;
  };
  if (!(end > start) || !onGrid(start) || !onGrid(end)) return 'off-grid';
  const len = end - start;
  let acceptedMs = 0;
  for (const a of d.ownAccepted) acceptedMs += a.end - a.start;
  const need = Math.ceil(Math.max(0, task.durationMinutes * MIN - acceptedMs) / Q) * Q;
  if (need === 0 || len > need) return 'too-long';
  if (len < Math.min(Math.ceil(task.minChunkMinutes / 15) * Q, need)) return 'min-chunk';
  if (len > Math.floor(task.maxChunkMinutes / 15) * Q) return 'max-chunk';
  if (start < now + d.leadTimeMinutes * MIN) return 'too-soon';
  if (task.earliest !== null && start < task.earliest) return 'before-earliest';
  if (task.due !== null && end > task.due) return 'after-due';
  if (end > now + d.horizonDays * DAY) return 'outside-horizon';
  for (let t = start; t < end; t += Q)
    if (!workingQuarter(d as unknown as PlanInput, t)) return 'outside-working-hours';
  for (const b of d.busy) if (b.start < end && b.end > start) return 'busy';
  const buf = d.bufferMinutes * MIN;
  for (const b of d.busy) if (b.start - buf < end && b.end + buf > start) return 'buffer';
  for (const a of d.ownAccepted) if (a.end === start || a.start === end) return 'touches-own-block';
  return null;
}

const withTask = planInput({ maxTasks: 4 }).filter((i) => i.tasks.length > 0);

describe('checkDrop()', () => {
  it('accepts every block plan() proposes, exactly where it is', () => {
    let blocks = 0;
    fc.assert(
      fc.property(withTask, (input) => {
        for (const p of plan(input).proposals) {
          blocks++;
          expect(checkDrop(dropInputFor(input, p.taskId, p.start, p.end))).toBeNull();
        }
      }),
      { numRuns: 300 },
    );
    expect(blocks).toBeGreaterThan(100);
  });

  it('names the same first broken rule as an independent oracle, for any drop', () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(
        withTask,
        fc.nat(),
        fc.integer({ min: -8, max: 4 * 96 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(0, 0, 0, 5),
        (input, pick, quarters, len, skew) => {
          const task = input.tasks[pick % input.tasks.length]!;
          // On the UTC quarter grid (every zone here is a whole number of quarters off UTC), now and then 5 min off it.
          const start = Math.floor(input.now / Q) * Q + quarters * Q + skew * MIN;
          const end = start + len * Q;
          const d = dropInputFor(input, task.id, start, end);
          const got = checkDrop(d);
          const want = oracle(d);
          expect(got?.reason ?? null).toBe(want);
          seen.set(String(want), (seen.get(String(want)) ?? 0) + 1);
          if (got?.reason === 'busy' || got?.reason === 'buffer') {
            const hit = d.busy.find((b) => b.eventId === got.eventId);
            expect(hit).toBeDefined();
          }
        },
      ),
      { numRuns: 3000 },
    );
    // The run must have exercised legal drops and the interesting refusals, not only the early exits.
    for (const r of ['null', 'busy', 'outside-working-hours', 'min-chunk', 'too-soon'])
      expect(seen.get(r) ?? 0, r).toBeGreaterThan(0);
  });
});

describe('checkDrop() examples', () => {
  // Monday 8 June 2026, 08:00 in Berlin (06:00Z); working hours 09:00–17:00.
  const now = Date.UTC(2026, 5, 8, 6, 0);
  const at = (h: number, m = 0) => Date.UTC(2026, 5, 8, h - 2, m);
  const base: DropInput = {
    now,
    timeZone: 'Europe/Berlin',
    workingHours: {
      mon: [['09:00', '17:00']],
      tue: [['09:00', '17:00']],
      wed: [],
      thu: [],
      fri: [],
      sat: [],
      sun: [],
    },
    bufferMinutes: 10,
    horizonDays: 7,
    leadTimeMinutes: 30,
    task: {
      id: 't',
      durationMinutes: 120,
      priority: 2,
      due: at(16),
      earliest: null,
      minChunkMinutes: 60,
      maxChunkMinutes: 120,
    },
    start: at(13),
    end: at(14),
    busy: [{ start: at(10), end: at(11), eventId: 'standup' }],
    ownAccepted: [],
  };
  const reason = (o: Partial<DropInput>) => checkDrop({ ...base, ...o });

  it('accepts a legal drop and refuses each rule with its reason', () => {
    expect(reason({})).toBeNull();
    expect(reason({ start: at(10, 30), end: at(11, 30) })).toEqual({
      reason: 'busy',
      detail: 'overlaps busy time Mon 10:00–11:00',
      eventId: 'standup',
    });
    expect(reason({ start: at(11, 0), end: at(12) })?.reason).toBe('buffer');
    expect(reason({ start: at(11, 15), end: at(12, 15) })).toBeNull();
    expect(reason({ start: at(16, 30), end: at(17, 30) })?.reason).toBe('after-due');
    expect(reason({ start: at(13), end: at(13, 30) })?.detail).toBe(
      "30 min is shorter than the task's min chunk of 1h",
    );
    expect(reason({ start: at(13, 10), end: at(14, 10) })?.reason).toBe('off-grid');
    expect(reason({ start: at(8, 15), end: at(9, 15) })?.reason).toBe('too-soon');
    expect(reason({ task: { ...base.task, due: null }, start: at(16, 30), end: at(17, 30) })).toMatchObject({
      reason: 'outside-working-hours',
      detail: 'Mon 17:00 is outside your working hours',
    });
    expect(reason({ start: at(12), end: at(15) })?.reason).toBe('too-long');
    expect(reason({ ownAccepted: [{ start: at(12), end: at(13) }], busy: [{ start: at(12), end: at(13) }] })).toEqual({
      reason: 'buffer',
      detail: 'within the 10-min buffer of busy time Mon 12:00–13:00',
      eventId: null,
    });
    expect(
      reason({
        bufferMinutes: 0,
        ownAccepted: [{ start: at(12), end: at(13) }],
        busy: [{ start: at(12), end: at(13) }],
      })?.reason,
    ).toBe('touches-own-block');
  });
});
