// Add or edit one task. Dates are entered in the user's zone and sent as
// instants; the engine validates again (bad-input comes back as a message).
import { useState, type FormEvent } from 'react';
import type { Priority, Task } from '../../../shared/domain';
import type { AppErrorData } from '../../../shared/errors';
import { InlineError } from '../../components/notices';
import { fromLocalInput, toLocalInput } from '../../format/time';
import { useZone } from '../../format/zone-context';

export interface TaskDraft {
  title: string;
  notes: string | null;
  durationMinutes: number;
  priority: Priority;
  due: string | null;
  earliest: string | null;
  minChunkMinutes: number;
  maxChunkMinutes: number;
}

export function TaskForm({
  task,
  onSubmit,
  onCancel,
  busy,
  error,
  idPrefix,
}: {
  task: Task | null;
  onSubmit: (d: TaskDraft) => void;
  onCancel?: () => void;
  busy: boolean;
  error: AppErrorData | null;
  idPrefix: string;
}) {
  const zone = useZone();
  const [title, setTitle] = useState(task?.title ?? '');
  const [notes, setNotes] = useState(task?.notes ?? '');
  const [duration, setDuration] = useState(String(task?.durationMinutes ?? 60));
  const [priority, setPriority] = useState<Priority>(task?.priority ?? 3);
  const [due, setDue] = useState(toLocalInput(task?.due ?? null, zone));
  const [earliest, setEarliest] = useState(toLocalInput(task?.earliest ?? null, zone));
  const [minChunk, setMinChunk] = useState(String(task?.minChunkMinutes ?? 30));
  const [maxChunk, setMaxChunk] = useState(String(task?.maxChunkMinutes ?? 120));
  const id = (s: string) => `${idPrefix}-${s}`;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({
      title,
      notes: notes.trim() ? notes : null,
      durationMinutes: Number(duration),
      priority,
      due: due ? fromLocalInput(due, zone) : null,
      earliest: earliest ? fromLocalInput(earliest, zone) : null,
      minChunkMinutes: Number(minChunk),
      maxChunkMinutes: Number(maxChunk),
    });
  };

  return (
    <form className="task-form" onSubmit={submit} aria-label={task ? `Edit ${task.title}` : 'New task'}>
      <div className="field wide">
        <label htmlFor={id('title')}>Title</label>
        <input id={id('title')} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={500} />
      </div>
      <div className="field">
        <label htmlFor={id('duration')}>Duration (minutes)</label>
        <input
          id={id('duration')}
          type="number"
          min={15}
          step={15}
          value={duration}
          onChange={(e) => setDuration(e.target.value)}
          required
        />
      </div>
      <div className="field">
        <label htmlFor={id('priority')}>Priority</label>
        <select id={id('priority')} value={priority} onChange={(e) => setPriority(Number(e.target.value) as Priority)}>
          <option value={1}>P1 (highest)</option>
          <option value={2}>P2</option>
          <option value={3}>P3</option>
          <option value={4}>P4 (lowest)</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={id('due')}>Due</label>
        <input id={id('due')} type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={id('earliest')}>Earliest start</label>
        <input
          id={id('earliest')}
          type="datetime-local"
          value={earliest}
          onChange={(e) => setEarliest(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={id('min')}>Shortest block (min)</label>
        <input
          id={id('min')}
          type="number"
          min={15}
          step={15}
          value={minChunk}
          onChange={(e) => setMinChunk(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={id('max')}>Longest block (min)</label>
        <input
          id={id('max')}
          type="number"
          min={15}
          step={15}
          value={maxChunk}
          onChange={(e) => setMaxChunk(e.target.value)}
        />
      </div>
      <div className="field wide">
        <label htmlFor={id('notes')}>Notes</label>
        <textarea id={id('notes')} value={notes} onChange={(e) => setNotes(e.target.value)} rows={2} />
      </div>
      <InlineError error={error} />
      <div className="row wide">
        <button type="submit" disabled={busy}>
          {task ? 'Save task' : 'Add task'}
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
