// The plan repairs itself (issue 18), by example: proposals whose time became
// busy are re-planned (the others keep their ids and slots), and a habit block
// placed or moved by hand is checked against the habit's window, its one
// block a day and busy time (checkHabitDrop).
import { describe, expect, it } from 'vitest';
import { checkHabitDrop, planWithHabits } from '../../../../src/main/core/planner';
import type { HabitPlanInput, PlannerHabit, PlannerTask } from '../../../../src/main/core/planner/types';
import { ny, nyInput } from './helpers/examples';

const input = (over: Partial<HabitPlanInput> = {}): HabitPlanInput => nyInput(7, over);

const lunch: PlannerHabit = {
  id: 'lunch',
  title: 'Lunch',
  durationMinutes: 60,
  minDurationMinutes: null,
  frequency: { kind: 'daily' },
  window: { start: '11:30', end: '13:30' },
  priority: 3,
  droppable: true,
};
// Less urgent than the habit: a more urgent task's re-laid-out blocks may take a
// lower-priority habit's proposed slot by the priority rule, which is not what this test is about.
const report: PlannerTask = {
  id: 'report',
  durationMinutes: 120,
  priority: 4,
  due: null,
  earliest: null,
  minChunkMinutes: 60,
  maxChunkMinutes: 60,
};

describe('proposals whose time became busy are re-planned', () => {
  it('moves only the proposals a new meeting covers; the rest keep their ids and slots', () => {
    const first = planWithHabits(input({ habits: [lunch], tasks: [report] }));
    const lunchTue = first.proposals.find((p) => p.taskId === 'lunch' && p.start === ny(8, '11:30'))!;
    const firstReport = first.proposals.find((p) => p.taskId === 'report')!;
    expect(lunchTue).toBeDefined();
    // A meeting lands on Tuesday's lunch and on the first report block.
    const busy = [
      { start: ny(8, '11:00'), end: ny(8, '12:00'), eventId: 'm1' },
      { start: firstReport.start, end: firstReport.start + 30 * 60_000, eventId: 'm2' },
    ];
    const second = planWithHabits(input({ habits: [lunch], tasks: [report], busy, previous: first.proposals }));
    const covered = new Set([lunchTue.id, firstReport.id]);
    // Oracle: every old proposal the meetings do not touch (with the 10-min buffer) is kept as it was.
    const touched = (p: { start: number; end: number }) =>
      busy.some((b) => b.start - 10 * 60_000 < p.end && b.end + 10 * 60_000 > p.start);
    for (const p of first.proposals.filter((x) => !touched(x)))
      expect(second.proposals, `kept ${p.id}`).toContainEqual(p);
    for (const id of covered) expect(second.proposals.some((p) => p.id === id)).toBe(false);
    // Tuesday's lunch comes back in the window after the meeting and its buffer; nothing overlaps busy time.
    const tue = second.proposals.filter(
      (p) => p.taskId === 'lunch' && p.start >= ny(8, '00:00') && p.start < ny(9, '00:00'),
    );
    expect(tue).toEqual([expect.objectContaining({ start: ny(8, '12:15'), end: ny(8, '13:15') })]);
    for (const p of second.proposals) expect(touched(p), `${p.taskId} ${new Date(p.start).toISOString()}`).toBe(false);
    expect(second.unscheduled).toEqual([]);
  });
});

describe('checkHabitDrop', () => {
  const base = { ...input(), habit: lunch, busy: [], sameHabit: [] };
  it('accepts a slot inside the window of one day', () => {
    expect(checkHabitDrop({ ...base, start: ny(9, '12:00'), end: ny(9, '13:00') })).toBeNull();
  });
  it('refuses outside the window, naming the first quarter hour outside it', () => {
    expect(checkHabitDrop({ ...base, start: ny(9, '13:00'), end: ny(9, '14:00') })).toEqual({
      reason: 'outside-window',
      detail: "Wed 13:30 is outside the habit's window 11:30–13:30",
    });
    expect(checkHabitDrop({ ...base, start: ny(9, '09:00'), end: ny(9, '10:00') })).toMatchObject({
      reason: 'outside-window',
    });
  });
  it('refuses a day the habit does not occur on', () => {
    const fridays = { ...lunch, frequency: { kind: 'weekdays' as const, days: ['fri' as const] } };
    expect(checkHabitDrop({ ...base, habit: fridays, start: ny(9, '12:00'), end: ny(9, '13:00') })).toEqual({
      reason: 'outside-window',
      detail: 'the habit does not occur on Wed 9 Dec',
    });
  });
  it('refuses a second block on a day the habit already has one', () => {
    const sameHabit = [{ start: ny(9, '11:30'), end: ny(9, '12:30') }];
    expect(checkHabitDrop({ ...base, sameHabit, start: ny(9, '12:30'), end: ny(9, '13:30') })).toEqual({
      reason: 'habit-day-taken',
      detail: 'the habit already has a block on Wed 9 Dec',
    });
  });
  it('refuses busy time and its buffer, naming the event', () => {
    const busy = [{ start: ny(9, '12:30'), end: ny(9, '13:00'), eventId: 'call' }];
    expect(checkHabitDrop({ ...base, busy, start: ny(9, '12:00'), end: ny(9, '13:00') })).toMatchObject({
      reason: 'busy',
      eventId: 'call',
    });
    expect(checkHabitDrop({ ...base, busy, start: ny(9, '11:30'), end: ny(9, '12:30') })).toMatchObject({
      reason: 'buffer',
      eventId: 'call',
    });
  });
  it('refuses lengths outside the habit’s bounds and off-grid times', () => {
    expect(checkHabitDrop({ ...base, start: ny(9, '11:30'), end: ny(9, '13:00') })).toMatchObject({
      reason: 'too-long',
    });
    expect(checkHabitDrop({ ...base, start: ny(9, '11:30'), end: ny(9, '12:00') })).toMatchObject({
      reason: 'min-chunk',
    });
    expect(checkHabitDrop({ ...base, start: ny(9, '11:40'), end: ny(9, '12:40') })).toMatchObject({
      reason: 'off-grid',
    });
  });
});
