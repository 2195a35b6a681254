// The Insights report (issue 14 item 6): per-week hours by kind, the busiest
// days, tasks at risk and sync health. Declared with zod so every transport's
// output can be checked against the same shape the renderer draws.
import * as z from 'zod';

export const insightsInputSchema = z
  .object({
    /** Weeks up to and including the current one. */
    weeksBack: z.number().int().min(1).max(52).default(8),
    /** Weeks after the current one. */
    weeksAhead: z.number().int().min(0).max(12).default(2),
  })
  .strict();

const minutes = z.number().min(0);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const insightsWeekSchema = z.object({
  /** The Monday (in the user's zone) the week starts on. */
  weekStart: isoDate,
  /** Relative to the week that holds "now": negative in the past, 0 this week. */
  offset: z.number().int(),
  /** Working time of the week (the four kinds below add up to it). */
  workingMinutes: minutes,
  meetingMinutes: minutes,
  plannedMinutes: minutes,
  focusMinutes: minutes,
  freeMinutes: minutes,
});

export const insightsReportSchema = z.object({
  timeZone: z.string(),
  generatedAt: z.string(),
  /** A free stretch of working time at least this long counts as focus. */
  focusStretchMinutes: z.number().int().positive(),
  weeks: z.array(insightsWeekSchema),
  busiestDays: z.array(z.object({ date: isoDate, meetingMinutes: minutes, workingMinutes: minutes })),
  tasksAtRisk: z.array(
    z.object({
      taskId: z.string(),
      title: z.string(),
      due: z.string().nullable(),
      /** The planner's reason a task is not fully placed, or `at-risk` when it is placed but tight. */
      reason: z.string(),
      detail: z.string(),
    }),
  ),
  syncHealth: z.object({
    /** Finished runs looked at (newest first, skipped ones not counted). */
    runs: z.number().int().min(0),
    succeeded: z.number().int().min(0),
    failed: z.number().int().min(0),
    /** succeeded / runs, null without runs. */
    successRate: z.number().min(0).max(1).nullable(),
    medianDurationMs: z.number().min(0).nullable(),
    lastFailureAt: z.string().nullable(),
    lastError: z.string().nullable(),
  }),
});

export type InsightsInput = z.input<typeof insightsInputSchema>;
export type InsightsWeek = z.infer<typeof insightsWeekSchema>;
export type InsightsReport = z.infer<typeof insightsReportSchema>;
