// Whether a sync calls for a re-plan: the run changed events or imported tasks,
// and there is something to plan (open tasks, enabled habits, or accepted
// blocks to check). Its own module, without the planner: app.ts asks it before
// loading the planner's part, so a sync with nothing to plan never loads it.
import type { Store } from '../store/store';

export function replanDue(store: Store, runId: number): boolean {
  const run = store.runs.get(runId);
  const changed =
    (run?.calendars.some((c) => c.inserted + c.updated + c.deleted > 0) ?? false) ||
    (run?.taskImports?.some((i) => i.inserted + i.updated + i.deleted > 0) ?? false);
  if (!changed) return false;
  return (
    store.tasks.list('open').length > 0 ||
    store.habits.list('enabled').length > 0 ||
    store.proposals.list('accepted').length > 0
  );
}
