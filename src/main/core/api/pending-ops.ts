// Operations of the contract whose engines are being wired in (the planner).
// Each answers with a clear typed error until then.
import { AppError } from '../../../shared/errors';
import type { ApiImpl } from './validated-api';

const later = (what: string) => async (): Promise<never> => {
  throw new AppError('not-configured', `${what} is not available in this build yet`);
};

export type PlannerOps = Pick<ApiImpl, 'listTasks' | 'addTask' | 'updateTask' | 'deleteTask' | 'plan' | 'listProposals' | 'acceptProposals' | 'rejectProposal' | 'acceptMove'>;

export const pendingPlannerOps: PlannerOps = {
  listTasks: later('the task list'),
  addTask: later('the task list'),
  updateTask: later('the task list'),
  deleteTask: later('the task list'),
  plan: later('the planner'),
  listProposals: later('the planner'),
  acceptProposals: later('the planner'),
  rejectProposal: later('the planner'),
  acceptMove: later('the planner'),
};
