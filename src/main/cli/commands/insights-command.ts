// `calsync insights` (issue 14 item 6): the Insights page as text — hours per
// week by kind, the busiest days, tasks at risk and sync health.
import type { Command } from 'commander';
import type { InsightsReport } from '../../../shared/insights';
import { runAction } from '../command-runner';
import { table } from '../format';
import { inert } from '../terminal';
import { when } from '../when';

/** 90 → "1h30", 0 → "0h00". */
export function hours(minutes: number): string {
  const m = Math.round(minutes);
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function insightsText(r: InsightsReport): string {
  const weekLabel = (w: InsightsReport['weeks'][number]) =>
    w.offset === 0 ? `${w.weekStart} (this week)` : w.weekStart;
  const weeks = table(
    r.weeks.map((w) => [
      weekLabel(w),
      hours(w.meetingMinutes),
      hours(w.plannedMinutes),
      hours(w.focusMinutes),
      hours(w.freeMinutes),
      hours(w.workingMinutes),
    ]),
    ['week of', 'meetings', 'planned', 'focus', 'free', 'working'],
  );
  const days = r.busiestDays.length
    ? r.busiestDays.map((d) => `  ${d.date}: ${hours(d.meetingMinutes)} of ${hours(d.workingMinutes)} in meetings`)
    : ['  no meetings in working hours'];
  const risk = r.tasksAtRisk.length
    ? r.tasksAtRisk.map(
        (t) =>
          `  ${inert(t.title)}${t.due ? ` (due ${when(t.due, r.timeZone, false)})` : ''}: ${t.reason} — ${inert(t.detail)}`,
      )
    : ['  none'];
  const h = r.syncHealth;
  const health =
    h.runs === 0
      ? '  no finished syncs yet'
      : `  ${h.succeeded} of ${h.runs} recent syncs succeeded (${Math.round((h.successRate ?? 0) * 100)} %), median ${seconds(h.medianDurationMs ?? 0)}` +
        (h.lastFailureAt
          ? `\n  last failure ${when(h.lastFailureAt, r.timeZone, false)}${h.lastError ? `: ${inert(h.lastError)}` : ''}`
          : '');
  return [
    `Working hours per week in ${r.timeZone} (focus: free stretches of ${hours(r.focusStretchMinutes)} or more, and focus-time events)`,
    weeks,
    '',
    'Busiest days (meetings):',
    ...days,
    '',
    'Tasks at risk:',
    ...risk,
    '',
    'Sync health:',
    health,
  ].join('\n');
}

export function registerInsightsCommand(program: Command): void {
  program
    .command('insights')
    .description(
      'hours per week in meetings, planned blocks, focus and free time; busiest days; tasks at risk; sync health',
    )
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }) => {
        const r = await app.api.insights({});
        return { json: r, text: insightsText(r) };
      }),
    );
}
