// The Insights report from what the cache holds (issue 14 item 6). Pure: the
// caller reads the cache (insights-source.ts); this decides every number.
import type { AtRisk, CachedEvent, Settings, SyncRun, Task, Unscheduled } from '../../../shared/domain';
import type { InsightsReport, InsightsWeek } from '../../../shared/insights';
import type { BusyCalendar } from '../planning/busy-events';
import { DAY, MINUTE, buildZone, dayOf, firstInstantAtWall, wallMs, weekdayOf } from '../../../shared/time/zone';
import { measure } from './intervals';
import { syncHealth } from './sync-health';
import { FOCUS_STRETCH, timeKinds } from './time-kinds';

export interface InsightsCalendar extends BusyCalendar {
  accountId: string;
  id: string;
}

export interface InsightsData {
  now: number;
  settings: Pick<Settings, 'timeZone' | 'workingHours' | 'allDayEventsBlock'>;
  weeksBack: number;
  weeksAhead: number;
  events: readonly CachedEvent[];
  calendars: readonly InsightsCalendar[];
  /** Newest first. */
  runs: readonly SyncRun[];
  openTasks: readonly Task[];
  /** What the last plan said about tasks it could not place or placed tightly; null before the first plan. */
  lastPlan: { unscheduled: readonly Unscheduled[]; atRisk: readonly AtRisk[] } | null;
}

const BUSIEST = 5;

function isoDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** The weeks shown: Monday 00:00 local of each, from `weeksBack − 1` before the current week to `weeksAhead` after. */
export function weekRange(
  timeZone: string,
  now: number,
  weeksBack: number,
  weeksAhead: number,
): { firstMonday: number; weeks: number } {
  const today = dayOf(wallMs(buildZone(timeZone, now, now), now));
  return { firstMonday: today - weekdayOf(today) - 7 * (weeksBack - 1), weeks: weeksBack + weeksAhead };
}

export function computeInsights(d: InsightsData): InsightsReport {
  const { timeZone } = d.settings;
  const { firstMonday, weeks } = weekRange(timeZone, d.now, d.weeksBack, d.weeksAhead);
  const lastDay = firstMonday + 7 * weeks;
  const zone = buildZone(timeZone, firstMonday * DAY - DAY, lastDay * DAY + DAY);
  const dayStart = (day: number): number => firstInstantAtWall(zone, day * DAY);
  const from = dayStart(firstMonday);
  const to = dayStart(lastDay);
  const cals = new Map(d.calendars.map((c) => [`${c.accountId}\u0000${c.id}`, c]));
  const kinds = timeKinds({
    zone,
    from,
    to,
    events: d.events,
    calendarOf: (a, c) => cals.get(`${a}\u0000${c}`),
    settings: d.settings,
  });
  const mins = (ms: number): number => ms / MINUTE;
  const out: InsightsWeek[] = [];
  for (let w = 0; w < weeks; w++) {
    const a = dayStart(firstMonday + 7 * w);
    const b = dayStart(firstMonday + 7 * (w + 1));
    out.push({
      weekStart: isoDay(firstMonday + 7 * w),
      offset: w - (d.weeksBack - 1),
      workingMinutes: mins(measure(kinds.working, a, b)),
      meetingMinutes: mins(measure(kinds.meeting, a, b)),
      plannedMinutes: mins(measure(kinds.planned, a, b)),
      focusMinutes: mins(measure(kinds.focus, a, b)),
      freeMinutes: mins(measure(kinds.free, a, b)),
    });
  }
  const days: InsightsReport['busiestDays'] = [];
  for (let day = firstMonday; day < lastDay; day++) {
    const a = dayStart(day);
    const b = dayStart(day + 1);
    const meetingMinutes = mins(measure(kinds.meeting, a, b));
    if (meetingMinutes > 0)
      days.push({ date: isoDay(day), meetingMinutes, workingMinutes: mins(measure(kinds.working, a, b)) });
  }
  days.sort((x, y) => y.meetingMinutes - x.meetingMinutes || x.date.localeCompare(y.date));
  return {
    timeZone,
    generatedAt: new Date(d.now).toISOString(),
    focusStretchMinutes: FOCUS_STRETCH / MINUTE,
    weeks: out,
    busiestDays: days.slice(0, BUSIEST),
    tasksAtRisk: tasksAtRisk(d.openTasks, d.lastPlan, d.now),
    syncHealth: syncHealth(d.runs),
  };
}

/**
 * Open tasks the last plan could not fully place (with its reason) or placed
 * tightly (`at-risk`), and open tasks already past due that the plan has not
 * judged yet. Soonest due first, undated last.
 */
function tasksAtRisk(
  openTasks: readonly Task[],
  lastPlan: InsightsData['lastPlan'],
  now: number,
): InsightsReport['tasksAtRisk'] {
  const byId = new Map(openTasks.map((t) => [t.id, t]));
  const out = new Map<string, InsightsReport['tasksAtRisk'][number]>();
  const add = (taskId: string, reason: string, detail: string): void => {
    const t = byId.get(taskId);
    if (t && !out.has(taskId)) out.set(taskId, { taskId, title: t.title, due: t.due, reason, detail });
  };
  for (const u of lastPlan?.unscheduled ?? []) add(u.taskId, u.reason, u.detail);
  for (const r of lastPlan?.atRisk ?? []) add(r.taskId, 'at-risk', r.detail);
  for (const t of openTasks) if (t.due && Date.parse(t.due) <= now) add(t.id, 'due-passed', 'the due time has passed');
  const dueMs = (due: string | null): number => (due ? Date.parse(due) : Infinity);
  return [...out.values()].sort((a, b) => dueMs(a.due) - dueMs(b.due) || a.title.localeCompare(b.title));
}
