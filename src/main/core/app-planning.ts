// The planner's side of the composition root (app.ts): the plan, accept, drop
// and habit-move services, and the API operations that use them. app.ts loads
// this module by import() on first use, so a command that plans nothing
// (`calsync status`, `calsync sync` with no tasks or habits to place) never
// loads the planner, its hashing or the insights (issue 16: the fixed cost of
// a command). The services are built as app.ts built them, from its parts.
import { plannerOps, type PlannerOpsDeps } from './api/planner-ops';
import type { PlanningOps } from './api/planning-op-names';
import { readInsights } from './insights/insights-source';
import type { Clock } from './clock';
import type { EngineBus } from './engine-bus';
import type { Logger } from './log/logger';
import { AcceptService, type AcceptDeps } from './planning/accept-service';
import { DropService } from './planning/drop-service';
import { HabitAutoMover } from './planning/habit-auto-move';
import { PlanService } from './planning/plan-service';
import type { SettingsService } from './settings/settings-service';
import type { Store } from './store/store';

export interface PlanningDeps extends Pick<AcceptDeps, 'writerFor' | 'callContext'> {
  store: Store;
  settings: SettingsService;
  bus: EngineBus;
  log: Logger;
  clock: Clock;
  writeBack: PlannerOpsDeps['writeBack'];
}

export interface Planning {
  planner: PlanService;
  habitMover: HabitAutoMover;
  ops: PlanningOps;
}

export function createPlanning(d: PlanningDeps): Planning {
  const { store, settings, bus, log, clock, writerFor, callContext } = d;
  const planner = new PlanService(store, settings, bus, log, clock);
  const acceptor = new AcceptService({ store, settings, bus, log, clock, writerFor, callContext });
  const dropper = new DropService({ store, settings, acceptor, planner, log, clock, writerFor, callContext });
  const habitMover = new HabitAutoMover({ store, settings, acceptor, bus, log });
  return {
    planner,
    habitMover,
    ops: {
      ...plannerOps({ store, planner, acceptor, dropper, clock, writeBack: d.writeBack }),
      insights: async (q) => readInsights({ store, settings, clock }, q),
    },
  };
}
