// Tasks the plan could not place, with the planner's reason, and tasks at risk.
import type { PlanResult, Task } from '../../../shared/domain';

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

export function PlanNotes({ plan, tasks }: { plan: PlanResult; tasks: Map<string, Task> }) {
  const name = (id: string) => tasks.get(id)?.title ?? id;
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
    </>
  );
}
