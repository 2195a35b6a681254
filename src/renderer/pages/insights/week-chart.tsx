// Stacked bars of the weeks' working hours by kind (recharts). The chart is a
// picture for sighted users: it is aria-hidden behind a one-line summary, and
// the table below it (week-table.tsx) carries the same numbers for everyone.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { InsightsWeek } from '../../../shared/insights';
import { formatCivilDate, formatHours } from './insights-format';

export const KINDS = [
  { key: 'meetingMinutes', label: 'Meetings', color: 'var(--busy)' },
  { key: 'plannedMinutes', label: 'Planned blocks', color: 'var(--proposal)' },
  { key: 'focusMinutes', label: 'Focus', color: 'var(--focus)' },
  { key: 'freeMinutes', label: 'Free', color: 'var(--free)' },
] as const;

export function weekLabel(w: InsightsWeek): string {
  return w.offset === 0 ? `${formatCivilDate(w.weekStart)} (this week)` : formatCivilDate(w.weekStart);
}

export function WeekChart({ weeks }: { weeks: InsightsWeek[] }) {
  // Hours on the axis; recharts gets plain numbers, the tooltip says them as hours and minutes.
  const rows = weeks.map((w) => ({
    label: w.offset === 0 ? 'This week' : formatCivilDate(w.weekStart),
    ...Object.fromEntries(KINDS.map((k) => [k.key, w[k.key] / 60])),
  }));
  const total = (k: (typeof KINDS)[number]['key']) => weeks.reduce((a, w) => a + w[k], 0);
  const summary = `${weeks.length} weeks: ${KINDS.map((k) => `${k.label.toLowerCase()} ${formatHours(total(k.key))}`).join(', ')}. The table below has each week.`;
  return (
    <figure className="insights-chart" aria-label={summary}>
      <div aria-hidden="true" className="insights-chart-area">
        <ResponsiveContainer width="100%" height={260}>
          {/* accessibilityLayer off: recharts 3 makes the svg a tab stop, which must
              not sit inside an aria-hidden picture (axe: aria-hidden-focus). */}
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
            <XAxis dataKey="label" stroke="var(--muted)" tick={{ fill: 'var(--muted)', fontSize: 12 }} />
            <YAxis
              stroke="var(--muted)"
              tick={{ fill: 'var(--muted)', fontSize: 12 }}
              width={40}
              tickFormatter={(h: number) => `${h} h`}
              allowDecimals={false}
            />
            <Tooltip
              formatter={(v) => formatHours(Number(v) * 60)}
              contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }}
              labelStyle={{ color: 'var(--text)' }}
              cursor={{ fill: 'var(--border)', opacity: 0.4 }}
            />
            {/* In the stack's and the table's order (recharts sorts the legend by label otherwise);
                labels in the text colour, as recharts paints each in its bar's (light grey "Free" on white). */}
            <Legend
              wrapperStyle={{ color: 'var(--text)' }}
              itemSorter={(item) => KINDS.findIndex((k) => k.key === item.dataKey)}
              formatter={(value: string) => <span style={{ color: 'var(--text)' }}>{value}</span>}
            />
            {KINDS.map((k) => (
              <Bar
                key={k.key}
                dataKey={k.key}
                name={k.label}
                stackId="hours"
                fill={k.color}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="muted">{summary}</figcaption>
    </figure>
  );
}
