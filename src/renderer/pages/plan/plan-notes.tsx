// Tasks the plan could not place, with the planner's reason, tasks at risk,
// and the days a habit found no room ("Thu 10 Dec: window 11:30–13:30 fully booked").
import type { Habit, PlanResult, Task } from '../../../shared/domain';

const REASONS: Record<string, string> = {
  'due-passed': 'Due date has passed',
  'not-enough-time-before-due': 'Not enough free time before it is due',
  'min-chunk-too-large': 'Minimum chunk is larger than any free slot',
  'outside-horizon': 'Falls outside the planning horizon',
  'no-working-hours': 'No working hours are set',
  'earliest-after-horizon': 'Earliest start is after the planning horizon',
  'invalid-task': 'The task is not valid',
  'crowded-out': 'Higher-priority tasks took the free time',
};

export function PlanNotes({
  plan,
  tasks,
  habits,
}: {
  plan: PlanResult;
  tasks: Map<string, Task>;
  habits: Map<string, Habit>;
}) {
  const name = (id: string) => tasks.get(id)?.title ?? id;
  const misses = plan.habitMisses ?? [];
  return (
    <>
      <section aria-labelledby="unscheduled-h" className="plan-notes">
        <h3 id="unscheduled-h">Did not fit</h3>
        {plan.unscheduled.length === 0 ? (
          <p className="muted">Every open task has a place.</p>
        ) : (
          <ul className="plain-list" data-testid="unscheduled">
            {plan.unscheduled.map((u) => (
              <li key={u.taskId}>
                <strong>{name(u.taskId)}</strong>: {REASONS[u.reason] ?? u.reason}
                <div className="muted">{u.detail}</div>
              </li>
            ))}
          </ul>
        )}
      </section>
      {plan.atRisk.length > 0 && (
        <section aria-labelledby="risk-h" className="plan-notes">
          <h3 id="risk-h">At risk</h3>
          <ul className="plain-list" data-testid="at-risk">
            {plan.atRisk.map((r) => (
              <li key={r.taskId}>
                <span className="badge badge-conflict">At risk</span> <strong>{name(r.taskId)}</strong>
                <div className="muted">{r.detail}</div>
              </li>
            ))}
          </ul>
        </section>
      )}
      {misses.length > 0 && (
        <section aria-labelledby="habit-misses-h" className="plan-notes">
          <h3 id="habit-misses-h">Habits without a place</h3>
          <ul className="plain-list" data-testid="habit-misses">
            {misses.map((m) => (
              <li key={`${m.habitId}/${m.day ?? ''}/${m.reason}`}>
                <span className="badge badge-habit">Habit</span>{' '}
                <strong>{habits.get(m.habitId)?.title ?? m.habitId}</strong>
                <div className="muted">{m.detail}</div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
