// Timings of the engine. Production uses the defaults; tests shrink them through
// CALSYNC_TUNING (JSON) so crash and retry scenarios run in seconds.
import * as z from 'zod';

export const tuningSchema = z
  .object({
    lockTtlMs: z.number().int().min(200).default(90_000),
    heartbeatMs: z.number().int().min(50).default(20_000),
    retryBaseMs: z.number().int().min(1).default(1_000),
    retryMaxMs: z.number().int().min(1).default(32_000),
    retryMaxAttempts: z.number().int().min(1).max(20).default(7),
    fullBudgetMs: z
      .number()
      .int()
      .min(100)
      .default(5 * 60_000),
    incrementalBudgetMs: z.number().int().min(100).default(60_000),
    requestTimeoutMs: z.number().int().min(100).default(30_000),
    loginTimeoutMs: z
      .number()
      .int()
      .min(100)
      .default(5 * 60_000),
    pageSize: z.number().int().min(1).max(2500).default(2500),
    // The periodic full listing of each calendar (sync/full-listing.ts): due
    // this long after the last one plus a stable per-calendar offset of up to
    // the spread; at most this many per run.
    fullListingIntervalMs: z
      .number()
      .int()
      .min(60_000)
      .default(7 * 86_400_000),
    fullListingSpreadMs: z.number().int().min(0).default(86_400_000),
    fullListingsPerRun: z.number().int().min(0).max(100).default(1),
    // Calendars of one account synced at once (a sync takes about one round
    // trip, inside Google's per-user rate), and how often the calendar list
    // itself is fetched (sync/calendar-list-due.ts; it rarely changes).
    calendarConcurrency: z.number().int().min(1).max(16).default(4),
    calendarListIntervalMs: z
      .number()
      .int()
      .min(0)
      .default(6 * 3_600_000),
    // Google Tasks: tasks and task lists per page (Google allows 100 tasks at most).
    tasksPageSize: z.number().int().min(1).max(100).default(100),
    // Supabase push: rows per RPC, the per-calendar lease in the workspace, and
    // the first delay before a long-running process retries a failed push.
    pushBatchSize: z.number().int().min(1).max(5000).default(500),
    pushLeaseTtlMs: z.number().int().min(1000).max(3_600_000).default(60_000),
    pushRetryBaseMs: z.number().int().min(10).default(30_000),
    // The reconcile after (re)connecting (push/reconcile.ts): workspace keys
    // read per request (Supabase's max-rows is 1000 by default), and how far
    // before a listing's start a row must be to count as one the listing
    // would have seen (device clock vs Google's, listing lag).
    reconcilePageSize: z.number().int().min(1).max(1000).default(1000),
    reconcileMarginMs: z
      .number()
      .int()
      .min(0)
      .max(86_400_000)
      .default(5 * 60_000),
    // Busy mirroring's writes per second per target account: Google allows
    // 600 requests per minute per user (usage limits page); half of it leaves
    // room for the sync and the planner's writes.
    mirrorWritesPerSecond: z.number().min(0.1).max(1000).default(5),
  })
  .strict();

export type Tuning = z.infer<typeof tuningSchema>;

export function parseTuning(json: string | undefined): Tuning {
  if (!json) return tuningSchema.parse({});
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('CALSYNC_TUNING is not valid JSON');
  }
  const parsed = tuningSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`CALSYNC_TUNING is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
