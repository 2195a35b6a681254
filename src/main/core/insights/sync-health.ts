// Sync health over the recent runs. Pure. A skipped run (another process held
// the lock) is neither a success nor a failure; a running one has no outcome yet.
import type { SyncRun } from '../../../shared/domain';
import type { InsightsReport } from '../../../shared/insights';

export function syncHealth(runsNewestFirst: readonly SyncRun[]): InsightsReport['syncHealth'] {
  const done = runsNewestFirst.filter((r) => r.status !== 'skipped' && r.status !== 'running');
  const succeeded = done.filter((r) => r.status === 'succeeded').length;
  const durations = done
    .filter((r) => r.endedAt !== null)
    .map((r) => Date.parse(r.endedAt!) - Date.parse(r.startedAt))
    .filter((d) => Number.isFinite(d) && d >= 0)
    .sort((a, b) => a - b);
  const lastFailure = done.find((r) => r.status !== 'succeeded') ?? null;
  return {
    runs: done.length,
    succeeded,
    failed: done.length - succeeded,
    successRate: done.length ? succeeded / done.length : null,
    medianDurationMs: median(durations),
    lastFailureAt: lastFailure ? (lastFailure.endedAt ?? lastFailure.startedAt) : null,
    lastError: lastFailure?.error ?? null,
  };
}

/** Of an ascending list; the mean of the two middle values for an even count. */
export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
