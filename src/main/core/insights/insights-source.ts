// Reads what the Insights report needs from the cache and settings, then
// hands it to the pure computeInsights(). The API's `insights` operation.
import * as z from 'zod';
import type { AtRisk, Unscheduled } from '../../../shared/domain';
import type { InsightsReport } from '../../../shared/insights';
import { isOwnCalendar } from '../planning/busy-events';
import type { SettingsService } from '../settings/settings-service';
import type { Store } from '../store/store';
import type { Clock } from '../clock';
import { computeInsights, weekRange } from './insights';

/** Sync health looks at this many recent runs. */
export const HEALTH_RUNS = 50;
const DAY = 86_400_000;

// `plan.last` is written by plan-service.ts; read back through a schema so an older or damaged value is just "no plan yet".
const lastPlanSchema = z.object({
  unscheduled: z.array(z.object({ taskId: z.string(), reason: z.string(), detail: z.string() })),
  atRisk: z.array(z.object({ taskId: z.string(), detail: z.string() })),
});

function readLastPlan(raw: string | null): { unscheduled: Unscheduled[]; atRisk: AtRisk[] } | null {
  if (raw === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null; // not JSON: treated as no plan yet, the next plan rewrites it
  }
  const parsed = lastPlanSchema.safeParse(json);
  return parsed.success ? (parsed.data as { unscheduled: Unscheduled[]; atRisk: AtRisk[] }) : null;
}

export interface InsightsDeps {
  store: Store;
  settings: Pick<SettingsService, 'get'>;
  clock: Clock;
}

export function readInsights(
  { store, settings, clock }: InsightsDeps,
  q: { weeksBack: number; weeksAhead: number },
): InsightsReport {
  const now = clock.now();
  const s = settings.get();
  const { firstMonday, weeks } = weekRange(s.timeZone, now, q.weeksBack, q.weeksAhead);
  // Two days of slack either side: the local weeks' edges are a zone offset away from UTC midnight.
  const events = store.events.list({ fromMs: (firstMonday - 2) * DAY, toMs: (firstMonday + 7 * weeks + 2) * DAY });
  const calendars = store.calendars
    .list()
    .map((c) => ({ accountId: c.accountId, id: c.id, blocksTime: c.blocksTime, own: isOwnCalendar(c) }));
  return computeInsights({
    now,
    settings: s,
    weeksBack: q.weeksBack,
    weeksAhead: q.weeksAhead,
    events,
    calendars,
    runs: store.runs.list({ limit: HEALTH_RUNS }),
    openTasks: store.tasks.list('open'),
    lastPlan: readLastPlan(store.kv.get('plan.last')),
  });
}
