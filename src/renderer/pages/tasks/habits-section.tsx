// The Habits part of the Tasks page: routines the planner places in their own
// windows (lunch, a daily focus block, gym three times a week). Changes go
// through the API's habit operations; the Plan page re-plans when it opens.
import { useState } from 'react';
import type { Habit } from '../../../shared/domain';
import type { AppErrorData } from '../../../shared/errors';
import type { HabitInput } from '../../../shared/schemas';
import { Empty, ErrorNotice, InlineError, Loading } from '../../components/notices';
import { useClient } from '../../hooks/client-context';
import { useApi } from '../../hooks/use-api';
import { HabitForm } from './habit-form';
import { HabitItem } from './habit-item';

export function HabitsSection() {
  const client = useClient();
  const habits = useApi('listHabits', {});
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [addError, setAddError] = useState<AppErrorData | null>(null);
  const [itemError, setItemError] = useState<AppErrorData | null>(null);

  const add = async (input: HabitInput) => {
    setBusy(true);
    const r = await client.call('addHabit', input);
    setBusy(false);
    setAddError(r.ok ? null : r.error);
    if (r.ok) setAdding(false);
    habits.reload();
  };
  const save = async (id: string, input: HabitInput) => {
    setBusy(true);
    const r = await client.call('updateHabit', { id, patch: input });
    setBusy(false);
    setItemError(r.ok ? null : r.error);
    habits.reload();
    return r.ok;
  };
  const setEnabled = async (h: Habit, enabled: boolean) => {
    setBusy(true);
    const r = await client.call('updateHabit', { id: h.id, patch: { enabled } });
    setBusy(false);
    setItemError(r.ok ? null : r.error);
    habits.reload();
  };
  const remove = async (h: Habit) => {
    setBusy(true);
    const r = await client.call('deleteHabit', { id: h.id });
    setBusy(false);
    setItemError(r.ok ? null : r.error);
    habits.reload();
  };

  // An engine without habits (an older one): the section says so and offers nothing.
  const unavailable = habits.error?.code === 'not-configured';
  return (
    <section className="card" aria-labelledby="habits-h" data-testid="habits">
      <div className="toolbar">
        <h2 id="habits-h">Habits</h2>
        <span className="spacer" />
        {!unavailable && (
          <button
            type="button"
            className={adding ? 'secondary' : undefined}
            aria-expanded={adding}
            aria-controls="new-habit"
            onClick={() => setAdding(!adding)}
          >
            {adding ? 'Close' : 'New habit'}
          </button>
        )}
      </div>
      <p className="hint">
        Routines that find their own time each day or week, inside their window (e.g. lunch 11:30–13:30). Their blocks
        appear in the Plan like tasks&apos;, marked “Habit”.
      </p>
      <div id="new-habit">
        {adding && (
          <HabitForm
            habit={null}
            idPrefix="new"
            busy={busy}
            error={addError}
            onSubmit={(input) => void add(input)}
            onCancel={() => setAdding(false)}
          />
        )}
      </div>
      {habits.state === 'error' && (
        <ErrorNotice error={habits.error} onRetry={habits.reload} title="Could not load the habits" />
      )}
      <InlineError error={itemError} />
      {habits.value === null ? (
        habits.state === 'loading' && <Loading what="habits" />
      ) : habits.value.length === 0 ? (
        <Empty>No habits yet. Add one and calsync will keep time for it.</Empty>
      ) : (
        <ul className="plain-list task-list" aria-label="Habits">
          {habits.value.map((h) => (
            <HabitItem
              key={h.id}
              habit={h}
              busy={busy}
              error={itemError}
              onSave={save}
              onSetEnabled={(x, on) => void setEnabled(x, on)}
              onDelete={(x) => void remove(x)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
