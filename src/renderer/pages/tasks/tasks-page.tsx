import { useState } from 'react';
import type { Task } from '../../../shared/domain';
import type { AppErrorData } from '../../../shared/errors';
import { Empty, ErrorNotice, InlineError, Loading } from '../../components/notices';
import { useClient } from '../../hooks/client-context';
import { useApi } from '../../hooks/use-api';
import { useReloadOn } from '../../hooks/use-engine-events';
import { HabitsSection } from './habits-section';
import { TaskForm, type TaskDraft } from './task-form';
import { TaskItem } from './task-item';

type Filter = 'open' | 'done' | 'all';

export function TasksPage() {
  const client = useClient();
  const [filter, setFilter] = useState<Filter>('open');
  const tasks = useApi('listTasks', { status: filter });
  useReloadOn(['proposals-changed'], tasks.reload);
  const [busy, setBusy] = useState(false);
  const [addError, setAddError] = useState<AppErrorData | null>(null);
  const [itemError, setItemError] = useState<AppErrorData | null>(null);
  const [formKey, setFormKey] = useState(0);

  const add = async (d: TaskDraft) => {
    setBusy(true);
    const r = await client.call('addTask', d);
    setBusy(false);
    setAddError(r.ok ? null : r.error);
    if (r.ok) setFormKey((k) => k + 1);
    tasks.reload();
  };
  const save = async (id: string, d: TaskDraft) => {
    setBusy(true);
    const r = await client.call('updateTask', { id, patch: d });
    setBusy(false);
    setItemError(r.ok ? null : r.error);
    tasks.reload();
    return r.ok;
  };
  const toggleDone = async (t: Task) => {
    setBusy(true);
    const r = await client.call('updateTask', { id: t.id, patch: { status: t.status === 'done' ? 'open' : 'done' } });
    setBusy(false);
    setItemError(r.ok ? null : r.error);
    await tasks.refresh();
  };
  const remove = async (t: Task) => {
    setBusy(true);
    const r = await client.call('deleteTask', { id: t.id });
    setBusy(false);
    setItemError(r.ok ? null : r.error);
    tasks.reload();
  };

  return (
    <div className="tasks">
      <section className="card" aria-labelledby="new-task-h">
        <h2 id="new-task-h">New task</h2>
        <TaskForm key={formKey} task={null} idPrefix="new" onSubmit={(d) => void add(d)} busy={busy} error={addError} />
      </section>
      <section className="card" aria-labelledby="list-h">
        <div className="toolbar">
          <h2 id="list-h">Tasks</h2>
          <span className="spacer" />
          <div role="group" aria-label="Show">
            {(['open', 'done', 'all'] as Filter[]).map((f) => (
              <button
                key={f}
                type="button"
                className="secondary"
                aria-pressed={filter === f}
                onClick={() => setFilter(f)}
              >
                {f === 'open' ? 'Open' : f === 'done' ? 'Done' : 'All'}
              </button>
            ))}
          </div>
        </div>
        {tasks.state === 'error' && (
          <ErrorNotice error={tasks.error} onRetry={tasks.reload} title="Could not load the tasks" />
        )}
        <InlineError error={itemError} />
        {tasks.value === null ? (
          tasks.state === 'loading' && <Loading what="tasks" />
        ) : tasks.value.length === 0 ? (
          <Empty>
            {filter === 'done' ? 'Nothing done yet.' : 'No tasks. Add one above and calsync will find time for it.'}
          </Empty>
        ) : (
          <ul className="plain-list task-list">
            {tasks.value.map((t) => (
              <TaskItem
                key={t.id}
                task={t}
                busy={busy}
                error={itemError}
                onSave={save}
                onToggleDone={toggleDone}
                onDelete={(x) => void remove(x)}
              />
            ))}
          </ul>
        )}
      </section>
      <HabitsSection />
    </div>
  );
}
