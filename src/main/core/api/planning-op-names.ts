// The API operations answered by the planner's part of the engine
// (app-planning.ts), which app.ts loads on first call. A list of names only:
// app.ts needs it at start, and importing it must not load the planner.
import type { ApiImpl } from './validated-api';

export const PLANNING_OPS = [
  'listTasks',
  'addTask',
  'updateTask',
  'deleteTask',
  'plan',
  'listProposals',
  'acceptProposals',
  'rejectProposal',
  'acceptMove',
  'acceptProposalAt',
  'undoDecision',
  'insights',
] as const satisfies ReadonlyArray<keyof ApiImpl>;

export type PlanningOps = Pick<ApiImpl, (typeof PLANNING_OPS)[number]>;
