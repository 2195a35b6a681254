// One habit in the list: what it is and when it goes, with Edit, Turn off/on
// and Remove (asked twice: accepted blocks stay in the calendar either way).
import { useState } from 'react';
import type { Habit } from '../../../shared/domain';
import type { AppErrorData } from '../../../shared/errors';
import type { HabitInput } from '../../../shared/schemas';
import { frequencyText } from './habit-draft';
import { HabitForm } from './habit-form';
import { ConfirmDelete } from '../../components/confirm-delete';

export interface HabitItemProps {
  habit: Habit;
  busy: boolean;
  error: AppErrorData | null;
  onSave: (id: string, input: HabitInput) => Promise<boolean>;
  onSetEnabled: (h: Habit, enabled: boolean) => void;
  onDelete: (h: Habit) => void;
}

/** "60 min (30 when busy) · Daily · 11:30–13:30 · P3 · may be skipped". */
export function habitSummary(h: Habit): string {
  const min = h.minDurationMinutes !== null && h.minDurationMinutes < h.durationMinutes;
  return [
    `${h.durationMinutes} min${min ? ` (${h.minDurationMinutes} when busy)` : ''}`,
    frequencyText(h.frequency),
    `${h.window.start}–${h.window.end}`,
    `P${h.priority}`,
    h.droppable ? 'may be skipped' : 'never skipped',
  ].join(' · ');
}

export function HabitItem({ habit, busy, error, onSave, onSetEnabled, onDelete }: HabitItemProps) {
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <li className="task editing" data-testid="habit">
        <HabitForm
          habit={habit}
          idPrefix={`edit-${habit.id}`}
          busy={busy}
          error={error}
          onCancel={() => setEditing(false)}
          onSubmit={(input) => void onSave(habit.id, input).then((saved) => setEditing(!saved))}
        />
      </li>
    );
  }
  return (
    <li className={`task habit${habit.enabled ? '' : ' off'}`} data-testid="habit" data-enabled={habit.enabled}>
      <div className="task-main">
        <span className="task-title">{habit.title}</span>
        {!habit.enabled && <span className="badge badge-skipped">Off</span>}
        <div className="muted">{habitSummary(habit)}</div>
      </div>
      <div className="row">
        <button type="button" className="secondary" onClick={() => setEditing(true)} aria-label={`Edit ${habit.title}`}>
          Edit
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => onSetEnabled(habit, !habit.enabled)}
          disabled={busy}
          aria-label={`${habit.enabled ? 'Turn off' : 'Turn on'} ${habit.title}`}
        >
          {habit.enabled ? 'Turn off' : 'Turn on'}
        </button>
        <ConfirmDelete verb="Remove" title={habit.title} busy={busy} onConfirm={() => onDelete(habit)} />
      </div>
    </li>
  );
}
