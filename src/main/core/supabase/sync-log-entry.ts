// One sync run as the workspace's run log stores it: per device, totals plus
// the per-calendar breakdown.
import { scrubSecrets } from '../../../shared/scrub';
import type { RunStatus, SyncKind, SyncRun, SyncTrigger } from '../../../shared/domain';

export interface SyncLogEntry {
  /** Unique per device; the local run id is enough. */
  runId: string;
  trigger: SyncTrigger;
  kind: SyncKind;
  status: RunStatus;
  inserted: number;
  updated: number;
  deleted: number;
  skipped: number;
  calendars: Array<{ calendarId: string; kind: SyncKind; status: RunStatus; inserted: number; updated: number; deleted: number; skipped: number; error: string | null }>;
  error: string | null;
  startedAt: string;
  endedAt: string | null;
}

export function syncLogEntryFromRun(run: SyncRun): SyncLogEntry {
  const sum = (k: 'inserted' | 'updated' | 'deleted' | 'skipped') => run.calendars.reduce((n, c) => n + c[k], 0);
  return {
    runId: String(run.id),
    trigger: run.trigger,
    kind: run.kind,
    status: run.status,
    inserted: sum('inserted'),
    updated: sum('updated'),
    deleted: sum('deleted'),
    skipped: sum('skipped'),
    // Account ids stay on the device; the workspace only needs the calendar.
    calendars: run.calendars.map((c) => ({
      calendarId: c.calendarId,
      kind: c.kind,
      status: c.status,
      inserted: c.inserted,
      updated: c.updated,
      deleted: c.deleted,
      skipped: c.skipped,
      error: scrubbed(c.error),
    })),
    error: scrubbed(run.error),
    startedAt: run.startedAt,
    endedAt: run.endedAt,
  };
}

// Every member of the workspace reads this log: errors stored before they were
// scrubbed at their source (older versions) are scrubbed again on the way out.
function scrubbed(error: string | null): string | null {
  return error === null ? null : scrubSecrets(error);
}
