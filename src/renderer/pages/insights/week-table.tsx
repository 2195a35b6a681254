// The weeks' hours as a table: the same numbers as the chart, for screen
// readers, keyboard users and anyone who wants the figures.
import type { InsightsWeek } from '../../../shared/insights';
import { formatHours } from './insights-format';
import { KINDS, weekLabel } from './week-chart';

export function WeekTable({ weeks, zone }: { weeks: InsightsWeek[]; zone: string }) {
  return (
    <table className="data-table compact insights-weeks" data-testid="insights-weeks">
      <caption>Working hours per week in {zone}</caption>
      <thead>
        <tr>
          <th scope="col">Week of</th>
          {KINDS.map((k) => (
            <th scope="col" key={k.key}>
              {k.label}
            </th>
          ))}
          <th scope="col">Working hours</th>
        </tr>
      </thead>
      <tbody>
        {weeks.map((w) => (
          <tr key={w.weekStart} aria-current={w.offset === 0 ? 'date' : undefined} data-week={w.weekStart}>
            <th scope="row">{weekLabel(w)}</th>
            {KINDS.map((k) => (
              <td key={k.key} data-kind={k.key}>
                {formatHours(w[k.key])}
              </td>
            ))}
            <td data-kind="workingMinutes">{formatHours(w.workingMinutes)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
