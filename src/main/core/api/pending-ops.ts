// Operations of the contract whose engines are being wired in (planner and
// Supabase push). Each answers with a clear typed error until then.
import { AppError } from '../../../shared/errors';
import type { ApiImpl } from './validated-api';

const later = (what: string) => async (): Promise<never> => {
  throw new AppError('not-configured', `${what} is not available in this build yet`);
};

export type PlannerOps = Pick<ApiImpl, 'listTasks' | 'addTask' | 'updateTask' | 'deleteTask' | 'plan' | 'listProposals' | 'acceptProposals' | 'rejectProposal' | 'acceptMove'>;
export type SupabaseOps = Pick<ApiImpl, 'supabaseStatus' | 'supabaseConnect' | 'supabaseSignIn' | 'supabaseSendCode' | 'supabaseVerifyCode' | 'supabaseSignOut' | 'push'>;

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

export const pendingSupabaseOps: SupabaseOps = {
  supabaseStatus: later('Supabase push'),
  supabaseConnect: later('Supabase push'),
  supabaseSignIn: later('Supabase push'),
  supabaseSendCode: later('Supabase push'),
  supabaseVerifyCode: later('Supabase push'),
  supabaseSignOut: later('Supabase push'),
  push: later('Supabase push'),
};
