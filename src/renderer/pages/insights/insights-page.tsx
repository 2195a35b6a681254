// The Insights page (issue 14 item 6): how working time was and will be spent
// per week (chart + the same numbers as a table), the busiest days, tasks at
// risk and sync health — all computed by the engine from the cache.
import type { InsightsReport } from '../../../shared/insights';
import { Empty, ErrorNotice, Loading } from '../../components/notices';
import { formatDateTime, formatDuration } from '../../format/time';
import { useApi } from '../../hooks/use-api';
import { useReloadOn } from '../../hooks/use-engine-events';
import { formatCivilDate, formatHours, formatPercent } from './insights-format';
import { WeekChart } from './week-chart';
import { WeekTable } from './week-table';

export function InsightsPage() {
  const report = useApi('insights', {});
  useReloadOn(['run-finished', 'proposals-changed'], report.reload);
  if (report.error && !report.value)
    return <ErrorNotice error={report.error} onRetry={report.reload} title="Could not load the insights" />;
  if (!report.value) return <Loading what="the insights" />;
  const r = report.value;
  return (
    <div className="page-grid insights">
      <section className="card wide" aria-labelledby="insights-hours">
        <h2 id="insights-hours">Hours per week</h2>
        <p className="muted">
          Working hours only, in {r.timeZone}. Meetings follow the busy rules of the planner; planned blocks are
          accepted task blocks; focus is free time in unbroken stretches of {formatHours(r.focusStretchMinutes)} or
          more, plus focus-time events.
        </p>
        <WeekChart weeks={r.weeks} />
        <WeekTable weeks={r.weeks} zone={r.timeZone} />
      </section>
      <BusiestDays days={r.busiestDays} />
      <TasksAtRisk tasks={r.tasksAtRisk} zone={r.timeZone} />
      <SyncHealth health={r.syncHealth} zone={r.timeZone} />
    </div>
  );
}

function BusiestDays({ days }: { days: InsightsReport['busiestDays'] }) {
  return (
    <section className="card" aria-labelledby="insights-days">
      <h2 id="insights-days">Busiest days</h2>
      {days.length === 0 ? (
        <Empty>No meetings in working hours in these weeks.</Empty>
      ) : (
        <table className="data-table compact" data-testid="insights-days">
          <caption className="visually-hidden">Days with the most meeting time</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Meetings</th>
              <th scope="col">Working hours</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.date}>
                <th scope="row">{formatCivilDate(d.date, true)}</th>
                <td>{formatHours(d.meetingMinutes)}</td>
                <td>{formatHours(d.workingMinutes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const REASONS: Record<string, string> = {
  'at-risk': 'Tight',
  'due-passed': 'Past due',
  'not-enough-time-before-due': 'Not enough time before due',
  'min-chunk-too-large': 'Minimum chunk too large',
  'outside-horizon': 'Beyond the planning horizon',
  'no-working-hours': 'No working hours',
  'earliest-after-horizon': 'Starts after the horizon',
  'invalid-task': 'Invalid task',
  'crowded-out': 'Crowded out by other tasks',
};

function TasksAtRisk({ tasks, zone }: { tasks: InsightsReport['tasksAtRisk']; zone: string }) {
  return (
    <section className="card" aria-labelledby="insights-risk">
      <h2 id="insights-risk">Tasks at risk</h2>
      {tasks.length === 0 ? (
        <Empty>Every open task fits before its due time.</Empty>
      ) : (
        <table className="data-table compact" data-testid="insights-risk">
          <caption className="visually-hidden">Open tasks that may not be done in time</caption>
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Due</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((t) => (
              <tr key={t.taskId}>
                <th scope="row">{t.title}</th>
                <td>{t.due ? formatDateTime(t.due, zone) : '—'}</td>
                <td>
                  {REASONS[t.reason] ?? t.reason}
                  <span className="muted"> — {t.detail}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function SyncHealth({ health: h, zone }: { health: InsightsReport['syncHealth']; zone: string }) {
  return (
    <section className="card" aria-labelledby="insights-health">
      <h2 id="insights-health">Sync health</h2>
      {h.runs === 0 ? (
        <Empty>No finished syncs yet.</Empty>
      ) : (
        <dl className="facts" data-testid="insights-health">
          <dt>Succeeded</dt>
          <dd>
            {h.succeeded} of {h.runs} recent syncs ({formatPercent(h.successRate ?? 0)})
          </dd>
          <dt>Median duration</dt>
          <dd>{formatDuration(h.medianDurationMs)}</dd>
          <dt>Last failure</dt>
          <dd>
            {h.lastFailureAt ? formatDateTime(h.lastFailureAt, zone) : 'none'}
            {h.lastError && <span className="error-message"> — {h.lastError}</span>}
          </dd>
        </dl>
      )}
    </section>
  );
}
