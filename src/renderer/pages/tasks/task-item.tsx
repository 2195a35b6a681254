import { useState } from 'react';
import type { Task } from '../../../shared/domain';
import type { AppErrorData } from '../../../shared/errors';
import { formatDateTime, formatDay } from '../../format/time';
import { useZone } from '../../format/zone-context';
import { TaskForm, type TaskDraft } from './task-form';
import { ConfirmDelete } from '../../components/confirm-delete';

export interface TaskItemProps {
  task: Task;
  busy: boolean;
  error: AppErrorData | null;
  onSave: (id: string, d: TaskDraft) => Promise<boolean>;
  onToggleDone: (t: Task) => Promise<void>;
  onDelete: (t: Task) => void;
}

/** A Google task is due on a day (at its end, the next midnight): show the day, not the midnight after it. */
function dueText(task: Task, zone: string): string {
  const due = Date.parse(task.due!);
  const wall = formatDateTime(task.due, zone);
  return task.source === 'google' && formatDay(due - 1, zone) !== formatDay(due, zone)
    ? `${formatDay(due - 1, zone)} (end of day)`
    : wall;
}

export function TaskItem({ task, busy, error, onSave, onToggleDone, onDelete }: TaskItemProps) {
  const zone = useZone();
  const [editing, setEditing] = useState(false);
  // The box follows the click at once; the engine's answer (a reload of the list) confirms or reverts it.
  const [pendingDone, setPendingDone] = useState<boolean | null>(null);
  const done = pendingDone ?? task.status === 'done';
  const toggle = async () => {
    setPendingDone(!done);
    await onToggleDone(task);
    setPendingDone(null);
  };
  const doneId = `done-${task.id}`;
  if (editing) {
    return (
      <li className="task editing" data-testid="task">
        <TaskForm
          task={task}
          idPrefix={`edit-${task.id}`}
          busy={busy}
          error={error}
          onCancel={() => setEditing(false)}
          onSubmit={(d) => void onSave(task.id, d).then((saved) => setEditing(!saved))}
        />
      </li>
    );
  }
  return (
    <li className={`task${done ? ' done' : ''}`} data-testid="task">
      <input
        id={doneId}
        type="checkbox"
        checked={done}
        onChange={() => void toggle()}
        aria-busy={pendingDone !== null}
      />
      <div className="task-main">
        <label htmlFor={doneId} className="task-title">
          {task.title}
        </label>
        <div className="muted">
          P{task.priority} · {task.durationMinutes} min
          {task.due && ` · due ${dueText(task, zone)}`}
          {task.earliest && ` · not before ${formatDateTime(task.earliest, zone)}`} · blocks {task.minChunkMinutes}–
          {task.maxChunkMinutes} min
          {task.source === 'google' && ' · from Google Tasks'}
        </div>
        {task.notes && <p className="task-notes">{task.notes}</p>}
      </div>
      <div className="row">
        <button type="button" className="secondary" onClick={() => setEditing(true)} aria-label={`Edit ${task.title}`}>
          Edit
        </button>
        <ConfirmDelete verb="Delete" title={task.title} busy={busy} onConfirm={() => onDelete(task)} />
      </div>
    </li>
  );
}
