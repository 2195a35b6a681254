// Pure decisions of the scheduler: which cron expression an interval becomes,
// and whether a catch-up sync is due (node-cron does not run missed ticks, so
// after sleep or a lost network the app checks the clock itself).

/** Cron for "every N minutes", aligned to the clock (:00, :15, :30, :45 for 15). */
export function cronForInterval(minutes: number): string {
  if (minutes < 60 && 60 % minutes === 0) return `*/${minutes} * * * *`;
  if (minutes === 60) return '0 * * * *';
  if (minutes % 60 === 0 && 24 % (minutes / 60) === 0) return `0 */${minutes / 60} * * *`;
  // Intervals that do not divide the hour or day tick every minute and let
  // isSyncDue decide, so the spacing stays exact.
  return '* * * * *';
}

export const PLAN_CRON = '0 */6 * * *';
/** quick_check of the cache in a long-running process: once a day, off the hour. */
export const VERIFY_CRON = '37 3 * * *';

export function isSyncDue(lastGoodSyncAt: number | null, now: number, intervalMinutes: number): boolean {
  return lastGoodSyncAt === null || now - lastGoodSyncAt >= intervalMinutes * 60_000;
}
