// Add or edit one habit. The values are checked with the engine's schema as
// the user submits (habit-draft.ts): each mistake is shown beside its field
// and tied to it (aria-describedby); what the engine still refuses comes back
// as a message below the form.
import { useState, type FormEvent, type ReactNode } from 'react';
import { WEEKDAYS, type Habit, type Priority } from '../../../shared/domain';
import type { AppErrorData } from '../../../shared/errors';
import type { HabitInput } from '../../../shared/schemas';
import { InlineError } from '../../components/notices';
import { DAY_NAMES, checkHabit, valuesOf, type FrequencyKind, type HabitErrors, type HabitField } from './habit-draft';

export function HabitForm({
  habit,
  onSubmit,
  onCancel,
  busy,
  error,
  idPrefix,
}: {
  habit: Habit | null;
  onSubmit: (input: HabitInput) => void;
  onCancel?: () => void;
  busy: boolean;
  error: AppErrorData | null;
  idPrefix: string;
}) {
  const [v, setV] = useState(() => valuesOf(habit));
  const [errors, setErrors] = useState<HabitErrors>({});
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((old) => ({ ...old, [k]: value }));
  const id = (s: string) => `${idPrefix}-habit-${s}`;
  // Props for a control whose field may carry an error.
  const described = (f: HabitField) =>
    errors[f] ? { 'aria-invalid': true as const, 'aria-describedby': id(`${f}-error`) } : {};
  const fieldError = (f: HabitField): ReactNode =>
    errors[f] ? (
      <span id={id(`${f}-error`)} className="field-error">
        {errors[f]}
      </span>
    ) : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = checkHabit(v);
    setErrors(r.ok ? {} : r.errors);
    if (r.ok) onSubmit(r.input);
  };

  return (
    <form
      className="task-form habit-form"
      onSubmit={submit}
      noValidate
      aria-label={habit ? `Edit ${habit.title}` : 'New habit'}
    >
      <div className="field wide">
        <label htmlFor={id('title')}>Title</label>
        <input
          id={id('title')}
          value={v.title}
          onChange={(e) => set('title', e.target.value)}
          maxLength={500}
          {...described('title')}
        />
        {fieldError('title')}
      </div>
      <div className="field">
        <label htmlFor={id('duration')}>Duration (minutes)</label>
        <input
          id={id('duration')}
          type="number"
          min={15}
          step={15}
          value={v.duration}
          onChange={(e) => set('duration', e.target.value)}
          {...described('duration')}
        />
        {fieldError('duration')}
      </div>
      <div className="field">
        <label htmlFor={id('min')}>Shortest when busy (min)</label>
        <input
          id={id('min')}
          type="number"
          min={15}
          step={15}
          value={v.minDuration}
          placeholder="never shorter"
          onChange={(e) => set('minDuration', e.target.value)}
          {...described('minDuration')}
        />
        {fieldError('minDuration')}
      </div>
      <div className="field">
        <label htmlFor={id('start')}>Window from</label>
        <input
          id={id('start')}
          type="time"
          step={900}
          value={v.windowStart}
          onChange={(e) => set('windowStart', e.target.value)}
          {...described('window')}
        />
      </div>
      <div className="field">
        <label htmlFor={id('end')}>Window until</label>
        <input
          id={id('end')}
          type="time"
          step={900}
          value={v.windowEnd}
          onChange={(e) => set('windowEnd', e.target.value)}
          {...described('window')}
        />
        {fieldError('window')}
      </div>
      <div className="field">
        <label htmlFor={id('kind')}>How often</label>
        <select id={id('kind')} value={v.kind} onChange={(e) => set('kind', e.target.value as FrequencyKind)}>
          <option value="daily">Every day</option>
          <option value="weekdays">On chosen days</option>
          <option value="timesPerWeek">Times a week</option>
        </select>
      </div>
      {v.kind === 'timesPerWeek' && (
        <div className="field">
          <label htmlFor={id('times')}>Times a week</label>
          <input
            id={id('times')}
            type="number"
            min={1}
            max={7}
            value={v.times}
            onChange={(e) => set('times', e.target.value)}
            {...described('times')}
          />
          {fieldError('times')}
        </div>
      )}
      {v.kind === 'weekdays' && (
        <fieldset className="field wide weekday-picker" {...described('days')}>
          <legend>On these days</legend>
          <div className="row">
            {WEEKDAYS.map((d) => (
              <label key={d} className="check">
                <input
                  type="checkbox"
                  checked={v.days.includes(d)}
                  onChange={(e) => set('days', e.target.checked ? [...v.days, d] : v.days.filter((x) => x !== d))}
                />
                {DAY_NAMES[d]}
              </label>
            ))}
          </div>
          {fieldError('days')}
        </fieldset>
      )}
      <div className="field">
        <label htmlFor={id('priority')}>Priority</label>
        <select
          id={id('priority')}
          value={v.priority}
          onChange={(e) => set('priority', Number(e.target.value) as Priority)}
        >
          <option value={1}>P1 (before most tasks)</option>
          <option value={2}>P2</option>
          <option value={3}>P3</option>
          <option value={4}>P4 (after most tasks)</option>
        </select>
      </div>
      <div className="field">
        <span className="check">
          <input
            id={id('droppable')}
            type="checkbox"
            checked={v.droppable}
            onChange={(e) => set('droppable', e.target.checked)}
          />
          <label htmlFor={id('droppable')}>May be skipped on a full day</label>
        </span>
      </div>
      <InlineError error={error} />
      <div className="row wide">
        <button type="submit" disabled={busy}>
          {habit ? 'Save habit' : 'Add habit'}
        </button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
