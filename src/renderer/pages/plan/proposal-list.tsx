// Every block of the plan with its own buttons: the keyboard path through
// the plan, and the place to accept, reject or move one. A habit's block
// carries a "Habit" badge and is decided like a task's.
import type { Habit, Proposal, Task } from '../../../shared/domain';
import type { AppErrorData } from '../../../shared/errors';
import { InlineError } from '../../components/notices';
import { StatusBadge } from '../../components/status-badge';
import { formatDateTime, formatTime } from '../../format/time';
import { useZone } from '../../format/zone-context';
import { blockTitle } from './plan-items';

export interface ProposalActions {
  accept: (id: string) => void;
  reject: (id: string) => void;
  move: (id: string) => void;
  busy: boolean;
  error: AppErrorData | null;
}

export function ProposalList({
  proposals,
  tasks,
  habits,
  selected,
  actions,
}: {
  proposals: Proposal[];
  tasks: Map<string, Task>;
  habits: Map<string, Habit>;
  selected: string | null;
  actions: ProposalActions;
}) {
  const zone = useZone();
  const shown = proposals.filter((p) => p.status !== 'rejected').sort((a, b) => a.start.localeCompare(b.start));
  if (shown.length === 0) return <p className="muted">No blocks proposed. Add tasks or habits, then plan.</p>;
  return (
    <>
      <InlineError error={actions.error} />
      <ul className="plain-list proposals" aria-label="Proposed blocks">
        {shown.map((p) => {
          const title = blockTitle(p, tasks, habits);
          return (
            <li
              key={p.id}
              className={`proposal-row${selected === p.id ? ' selected' : ''}`}
              data-testid="proposal"
              data-status={p.status}
              data-kind={p.habitId ? 'habit' : 'task'}
              data-start={p.start}
              data-end={p.end}
            >
              <div>
                <StatusBadge status={p.status} />{' '}
                {p.habitId && (
                  <>
                    <span className="badge badge-habit">Habit</span>{' '}
                  </>
                )}
                <span className="proposal-title">{title}</span>
                <div className="muted">
                  {formatDateTime(p.start, zone)}–{formatTime(p.end, zone)}
                </div>
                {p.status === 'conflict' && p.moveTo && (
                  <div className="warning-text">
                    Overlaps a new event; free again at {formatDateTime(p.moveTo.start, zone)}.
                  </div>
                )}
              </div>
              <div className="row">
                {p.status === 'proposed' && (
                  <>
                    <button
                      type="button"
                      onClick={() => actions.accept(p.id)}
                      disabled={actions.busy}
                      aria-label={`Accept ${title} at ${formatDateTime(p.start, zone)}`}
                    >
                      Accept
                    </button>
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => actions.reject(p.id)}
                      disabled={actions.busy}
                      aria-label={`Reject ${title} at ${formatDateTime(p.start, zone)}`}
                    >
                      Reject
                    </button>
                  </>
                )}
                {p.status === 'conflict' && p.moveTo && (
                  <button
                    type="button"
                    onClick={() => actions.move(p.id)}
                    disabled={actions.busy}
                    aria-label={`Move ${title} to ${formatDateTime(p.moveTo.start, zone)}`}
                  >
                    Move
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
