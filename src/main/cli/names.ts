// Human output names things: calendars by their name, tasks by their title,
// times in the settings' zone. Read once per command from the cache; an id
// that is not (or no longer) there is shown as it is.
import type { CalsyncApp } from '../core/app';

export interface View {
  zone: string;
  calendar(id: string): string;
  task(id: string): string;
}

export async function viewOf(app: CalsyncApp): Promise<View> {
  const [settings, calendars] = await Promise.all([app.api.getSettings({}), app.api.listCalendars({})]);
  const cals = new Map(calendars.map((c) => [c.id, c.summary || c.id]));
  // A habit's blocks carry the habit's id where a task's carry the task's: both are named here.
  const tasks = new Map([
    ...app.store.tasks.list('all').map((t): [string, string] => [t.id, t.title]),
    ...app.store.habits.list().map((h): [string, string] => [h.id, h.title]),
  ]);
  return {
    zone: settings.timeZone,
    calendar: (id) => cals.get(id) ?? id,
    task: (id) => tasks.get(id) ?? id.slice(0, 8),
  };
}
