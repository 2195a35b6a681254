import type { SyncRun } from '../../../shared/domain';

export function runDurationMs(r: SyncRun): number | null {
  return r.endedAt ? Math.max(0, Date.parse(r.endedAt) - Date.parse(r.startedAt)) : null;
}

export function runChanges(r: SyncRun): { inserted: number; updated: number; deleted: number; total: number } {
  let inserted = 0;
  let updated = 0;
  let deleted = 0;
  for (const c of r.calendars) {
    inserted += c.inserted;
    updated += c.updated;
    deleted += c.deleted;
  }
  return { inserted, updated, deleted, total: inserted + updated + deleted };
}
