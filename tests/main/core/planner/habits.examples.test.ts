import { describe, expect, it } from 'vitest';
import { findHabitConflicts, planWithHabits } from '../../../../src/main/core/planner';
import type { HabitPlanInput, PlannerHabit, PlannerTask } from '../../../../src/main/core/planner/types';
import { iso, ny, nyInput } from './helpers/examples';
import { checkHabits } from './helpers/habit-checker';

const input = (over: Partial<HabitPlanInput> = {}): HabitPlanInput => nyInput(14, over);

const lunch: PlannerHabit = {
  id: 'lunch',
  title: 'Lunch',
  durationMinutes: 60,
  minDurationMinutes: 30,
  frequency: { kind: 'daily' },
  window: { start: '11:30', end: '13:30' },
  priority: 3,
  droppable: true,
};

const meeting = (day: number, from: string, to: string) => ({
  start: ny(day, from),
  end: ny(day, to),
  eventId: `m${day}${from}`,
});

describe('a daily lunch habit over two weeks with meetings on some days', () => {
  const busy = [
    meeting(8, '11:00', '12:15'), // Tue: room after it, with the 10-min buffer
    meeting(10, '11:00', '13:30'), // Thu: the whole window
    meeting(11, '11:45', '12:45'), // Fri: only 30 min left, at the end
    meeting(14, '11:20', '11:40'), // Mon: two meetings leave 15 min, under the 30-min minimum
    meeting(14, '12:00', '13:00'),
    meeting(16, '09:00', '10:00'), // Wed: outside the window
  ];
  const inp = input({ busy, habits: [lunch] });
  const out = planWithHabits(inp);

  it('places it in its window on every day with room, squeezed where only the minimum fits', () => {
    expect(checkHabits(inp, out)).toEqual([]);
    const got = out.proposals.filter((p) => p.taskId === 'lunch').map((p) => [iso(p.start), iso(p.end)]);
    const expected: Array<[number, string, string]> = [
      [7, '11:30', '12:30'],
      [8, '12:30', '13:30'],
      [9, '11:30', '12:30'],
      [11, '13:00', '13:30'],
      [12, '11:30', '12:30'],
      [13, '11:30', '12:30'],
      [15, '11:30', '12:30'],
      [16, '11:30', '12:30'],
      [17, '11:30', '12:30'],
      [18, '11:30', '12:30'],
      [19, '11:30', '12:30'],
      [20, '11:30', '12:30'],
    ];
    expect(got).toEqual(expected.map(([d, a, b]) => [iso(ny(d, a)), iso(ny(d, b))]));
  });

  it('reports each day it could not place, with the exact reason', () => {
    expect(out.habitMisses).toEqual([
      {
        habitId: 'lunch',
        day: '2026-12-10',
        reason: 'window-full',
        detail: 'Thu 10 Dec: window 11:30–13:30 fully booked',
      },
      {
        habitId: 'lunch',
        day: '2026-12-14',
        reason: 'window-full',
        detail: 'Mon 14 Dec: window 11:30–13:30 fully booked',
      },
    ]);
  });

  it('keeps every block where it was when re-planned with its own proposals', () => {
    const again = planWithHabits({ ...inp, previous: out.proposals });
    expect(again).toEqual(out);
  });

  it('a new meeting moves only the occurrence it lands on', () => {
    const next = planWithHabits({ ...inp, previous: out.proposals, busy: [...busy, meeting(9, '11:30', '12:00')] });
    const moved = next.proposals.filter((p) => !out.proposals.some((q) => q.id === p.id));
    expect(moved.map((p) => [iso(p.start), iso(p.end)])).toEqual([[iso(ny(9, '12:15')), iso(ny(9, '13:15'))]]);
    expect(next.proposals).toHaveLength(out.proposals.length);
  });

  it('an accepted block counts as that day’s occurrence; a rejected slot is not offered again', () => {
    const accepted = [
      { proposalId: 'a', taskId: 'lunch', start: ny(7, '12:00'), end: ny(7, '13:00'), googleEventId: 'g' },
    ];
    const rejected = [{ taskId: 'lunch', start: ny(9, '11:30'), end: ny(9, '12:30') }];
    const o = planWithHabits({
      ...inp,
      accepted,
      rejected,
      busy: [...busy, { start: ny(7, '12:00'), end: ny(7, '13:00'), eventId: 'g' }],
    });
    const lunches = o.proposals.filter((p) => p.taskId === 'lunch');
    expect(lunches.some((p) => p.start < ny(8, '00:00'))).toBe(false);
    expect(lunches.find((p) => p.start > ny(9, '00:00') && p.start < ny(10, '00:00'))).toMatchObject({
      start: ny(9, '12:30'),
      end: ny(9, '13:30'),
    });
  });
});

describe('priority against tasks', () => {
  // One working day: Mon 7 Dec 09:00–17:00, and an 8-h task due at its end.
  const day = (habit: Partial<PlannerHabit>, taskPriority: 1 | 3 = 1) => {
    const task: PlannerTask = {
      id: 'report',
      durationMinutes: 8 * 60,
      priority: taskPriority,
      due: ny(7, '17:00'),
      earliest: null,
      minChunkMinutes: 15,
      maxChunkMinutes: 8 * 60,
    };
    const inp = input({ bufferMinutes: 0, horizonDays: 1, tasks: [task], habits: [{ ...lunch, ...habit }] });
    const out = planWithHabits(inp);
    expect(checkHabits(inp, out)).toEqual([]);
    return out;
  };

  it('a droppable habit less urgent than a task yields, and says so', () => {
    const out = day({ priority: 3 });
    expect(out.proposals.every((p) => p.taskId === 'report')).toBe(true);
    expect(out.unscheduled).toEqual([]);
    expect(out.habitMisses).toEqual([
      {
        habitId: 'lunch',
        day: '2026-12-07',
        reason: 'crowded-out',
        detail: 'Mon 7 Dec: window 11:30–13:30 taken by more urgent tasks',
      },
    ]);
  });

  it('a habit as urgent as the task goes first; the task is short by its length', () => {
    const out = day({ priority: 1 });
    expect(out.proposals.filter((p) => p.taskId === 'lunch').map((p) => [p.start, p.end])).toEqual([
      [ny(7, '11:30'), ny(7, '12:30')],
    ]);
    expect(out.unscheduled.map((u) => u.taskId)).toEqual(['report']);
    expect(out.habitMisses).toEqual([]);
  });

  it('a habit that may not be dropped takes its window even from a more urgent task', () => {
    const out = day({ priority: 4, droppable: false });
    expect(out.proposals.filter((p) => p.taskId === 'lunch')).toHaveLength(1);
    expect(out.habitMisses).toEqual([]);
  });
});

describe('N times a week', () => {
  const gym: PlannerHabit = {
    id: 'gym',
    durationMinutes: 60,
    minDurationMinutes: null,
    frequency: { kind: 'timesPerWeek', times: 3 },
    window: { start: '18:00', end: '20:00' }, // after working hours: the habit's own window counts
    priority: 3,
    droppable: true,
  };

  it('spreads three a week over distinct days, avoiding busy evenings', () => {
    const inp = input({ habits: [gym], busy: [meeting(14, '17:00', '20:00')] });
    const out = planWithHabits(inp);
    expect(checkHabits(inp, out)).toEqual([]);
    const days = out.proposals.map((p) => new Date(p.start - 5 * 3_600_000).getUTCDate());
    expect(days).toEqual([7, 10, 13, 15, 17, 20]);
    expect(out.habitMisses).toEqual([]);
  });

  it('says when a whole week inside the horizon has too few free evenings', () => {
    const evenings = [14, 15, 16, 17, 18].map((d) => meeting(d, '17:00', '21:00'));
    const out = planWithHabits(input({ habits: [gym], busy: evenings }));
    expect(out.proposals.filter((p) => p.start >= ny(14, '00:00')).length).toBe(2);
    expect(out.habitMisses).toEqual([
      {
        habitId: 'gym',
        day: '2026-12-14',
        reason: 'not-enough-days',
        detail: 'week of Mon 14 Dec: 2 of 3 placed, window 18:00–20:00 fully booked on the other days',
      },
    ]);
  });
});

describe('chosen weekdays', () => {
  it('occurs only on them', () => {
    const review: PlannerHabit = {
      ...lunch,
      id: 'review',
      frequency: { kind: 'weekdays', days: ['fri'] },
      window: { start: '15:00', end: '17:00' },
    };
    const out = planWithHabits(input({ habits: [review] }));
    expect(out.proposals.map((p) => iso(p.start))).toEqual([iso(ny(11, '15:00')), iso(ny(18, '15:00'))]);
  });
});

describe('findHabitConflicts', () => {
  it('moves an accepted habit block a meeting now overlaps to the nearest free start in its window, same day', () => {
    const accepted = [
      { proposalId: 'a', taskId: 'lunch', start: ny(8, '11:30'), end: ny(8, '12:30'), googleEventId: 'g' },
      { proposalId: 'b', taskId: 'lunch', start: ny(9, '11:30'), end: ny(9, '12:30'), googleEventId: 'h' },
    ];
    const busy = [
      { start: ny(8, '11:30'), end: ny(8, '12:30'), eventId: 'g' }, // the block's own event
      meeting(8, '11:00', '12:00'),
      meeting(9, '11:00', '13:30'), // the whole window: nowhere to go that day
    ];
    const conflicts = findHabitConflicts({ ...input({ habits: [lunch], accepted, busy }) });
    expect(conflicts).toEqual([
      { proposalId: 'a', moveTo: { start: ny(8, '12:15'), end: ny(8, '13:15') } },
      { proposalId: 'b', moveTo: null, reason: 'Wed 9 Dec: no free 1h left in the window 11:30–13:30' },
    ]);
  });
});
