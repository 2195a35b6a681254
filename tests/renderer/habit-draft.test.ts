// The habit form's check (pages/tasks/habit-draft.ts): a habit the engine
// holds comes back from its form values unchanged (the oracle: the habit
// itself), and a bad one is refused exactly when the engine's schema refuses
// it, with the error on the field the user must change.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WEEKDAYS, type Habit } from '../../src/shared/domain';
import { habitInputSchema } from '../../src/shared/schemas';
import { checkHabit, frequencyText, valuesOf } from '../../src/renderer/pages/tasks/habit-draft';

const hhmm = fc.integer({ min: 0, max: 95 }).map((q) => {
  const m = q * 15;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
});
const habit: fc.Arbitrary<Habit> = fc
  .record({
    title: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0 && s.trim() === s),
    a: hhmm,
    b: hhmm,
    quarters: fc.integer({ min: 1, max: 96 }),
    minQuarters: fc.option(fc.integer({ min: 1, max: 96 }), { nil: null }),
    frequency: fc.oneof(
      fc.constant({ kind: 'daily' as const }),
      fc.record({
        kind: fc.constant('weekdays' as const),
        days: fc.subarray([...WEEKDAYS], { minLength: 1 }),
      }),
      fc.record({ kind: fc.constant('timesPerWeek' as const), times: fc.integer({ min: 1, max: 7 }) }),
    ),
    priority: fc.constantFrom(1, 2, 3, 4 as const),
    droppable: fc.boolean(),
    enabled: fc.boolean(),
  })
  .filter((r) => r.a < r.b)
  .map((r) => {
    const span =
      Number(r.b.slice(0, 2)) * 60 + Number(r.b.slice(3)) - (Number(r.a.slice(0, 2)) * 60 + Number(r.a.slice(3)));
    const duration = Math.min(span, r.quarters * 15);
    return {
      id: 'h1',
      title: r.title,
      durationMinutes: duration,
      minDurationMinutes: r.minQuarters === null ? null : Math.min(duration, r.minQuarters * 15),
      frequency: r.frequency,
      window: { start: r.a, end: r.b },
      priority: r.priority as Habit['priority'],
      droppable: r.droppable,
      enabled: r.enabled,
    };
  });

describe('checkHabit', () => {
  it('gives back the habit a form was filled from (everything but id and enabled)', () => {
    fc.assert(
      fc.property(habit, (h) => {
        const r = checkHabit(valuesOf(h));
        const { id: _id, enabled: _enabled, ...fields } = h;
        expect(r).toEqual({ ok: true, input: fields });
      }),
    );
  });

  it('refuses exactly what the engine refuses', () => {
    const text = fc.constantFrom('', ' ', '15', '30', '60', '90', '600', '1440', '2000', '7.5', 'x', '-15');
    fc.assert(
      fc.property(
        fc.record({
          title: fc.constantFrom('', '  ', 'Lunch'),
          duration: text,
          minDuration: text,
          kind: fc.constantFrom('daily' as const, 'weekdays' as const, 'timesPerWeek' as const),
          days: fc.subarray([...WEEKDAYS]),
          times: fc.constantFrom('0', '1', '3', '7', '8', ''),
          windowStart: fc.constantFrom('', '09:00', '11:30', '13:30', '24:00'),
          windowEnd: fc.constantFrom('', '09:00', '12:00', '13:30', '24:00'),
          priority: fc.constantFrom(1, 2, 3, 4 as const),
          droppable: fc.boolean(),
        }),
        (v) => {
          const r = checkHabit(v);
          const num = (s: string) => (s.trim() === '' ? NaN : Number(s));
          const engine = habitInputSchema.safeParse({
            title: v.title,
            durationMinutes: num(v.duration),
            minDurationMinutes: v.minDuration.trim() === '' ? null : num(v.minDuration),
            frequency:
              v.kind === 'daily'
                ? { kind: 'daily' }
                : v.kind === 'weekdays'
                  ? { kind: 'weekdays', days: WEEKDAYS.filter((d) => v.days.includes(d)) }
                  : { kind: 'timesPerWeek', times: num(v.times) },
            window: { start: v.windowStart, end: v.windowEnd },
            priority: v.priority,
            droppable: v.droppable,
          });
          expect(r.ok).toBe(engine.success);
          if (!r.ok) expect(Object.keys(r.errors).length).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('puts each mistake on the field to change, in words for people', () => {
    const base = { ...valuesOf(null), title: 'Lunch' };
    expect(checkHabit({ ...base, title: '  ' })).toEqual({ ok: false, errors: { title: 'A habit needs a title.' } });
    expect(checkHabit({ ...base, duration: '' })).toEqual({
      ok: false,
      errors: { duration: 'Enter whole minutes, at least 15.' },
    });
    expect(checkHabit({ ...base, windowStart: '14:00', windowEnd: '13:00' })).toEqual({
      ok: false,
      errors: { window: 'The window must start before it ends (same day).' },
    });
    expect(checkHabit({ ...base, duration: '60', minDuration: '90' })).toEqual({
      ok: false,
      errors: { minDuration: 'The minimum must not exceed the duration.' },
    });
    expect(checkHabit({ ...base, kind: 'weekdays', days: [] })).toEqual({
      ok: false,
      errors: { days: 'Choose at least one weekday.' },
    });
    expect(checkHabit({ ...base, kind: 'timesPerWeek', times: '9' })).toEqual({
      ok: false,
      errors: { times: 'Enter 1 to 7 times a week.' },
    });
  });
});

describe('frequencyText', () => {
  it('names how often in short words, weekdays in week order', () => {
    expect(frequencyText({ kind: 'daily' })).toBe('Daily');
    expect(frequencyText({ kind: 'timesPerWeek', times: 3 })).toBe('3× a week');
    expect(frequencyText({ kind: 'weekdays', days: ['fri', 'mon', 'wed'] })).toBe('Mon, Wed, Fri');
    expect(frequencyText({ kind: 'weekdays', days: ['mon', 'tue', 'wed', 'thu', 'fri'] })).toBe('Weekdays');
  });
});
