// The API operations of tasks and the planner (DESIGN.md §5).
import type { TaskPatch } from '../../../shared/schemas';
import { taskInputSchema } from '../../../shared/schemas';
import { AppError } from '../../../shared/errors';
import { issuesText } from '../../../shared/zod-issues';
import type { Task } from '../../../shared/domain';
import type { AcceptService } from '../planning/accept-service';
import type { DropService } from '../planning/drop-service';
import type { PlanService } from '../planning/plan-service';
import { proposalViewer } from '../planning/proposal-view';
import type { Store } from '../store/store';
import type { Clock } from '../clock';
import type { TaskWriteBack } from '../tasks-import/write-back';
import type { ApiImpl } from './validated-api';

export type PlannerOps = Pick<
  ApiImpl,
  | 'listTasks'
  | 'addTask'
  | 'updateTask'
  | 'deleteTask'
  | 'plan'
  | 'listProposals'
  | 'acceptProposals'
  | 'rejectProposal'
  | 'acceptMove'
  | 'acceptProposalAt'
  | 'undoDecision'
>;

export interface PlannerOpsDeps {
  store: Store;
  planner: PlanService;
  acceptor: AcceptService;
  dropper: DropService;
  clock: Clock;
  /** Google Tasks both ways: an imported task's status change is queued with the change and sent to Google. */
  writeBack?: TaskWriteBack;
}

export function plannerOps({ store, planner, acceptor, dropper, clock, writeBack }: PlannerOpsDeps): PlannerOps {
  const mustTask = (id: string): Task => {
    const t = store.tasks.get(id);
    if (!t) throw new AppError('not-found', `no task "${id}"; see \`calsync tasks\``);
    return t;
  };
  return {
    listTasks: async ({ status }) => store.tasks.list(status),
    addTask: async (input) => store.tasks.add(input, clock.now()),
    updateTask: async ({ id, patch }) => {
      const current = mustTask(id);
      const next = mergeTask(current, patch);
      const updated = store.transaction(() => {
        const t = store.tasks.update(id, next, clock.now());
        if (t.status === 'done') store.proposals.dropOpenOfTask(id);
        return { t, queued: writeBack?.noteStatusChange(current, t) === 'queued' };
      });
      // Google's answer may reopen it (edited there too): the task as it is afterwards.
      return updated.queued && writeBack ? ((await writeBack.pushTask(id)) ?? updated.t) : updated.t;
    },
    deleteTask: async ({ id }) => {
      const t = mustTask(id);
      store.transaction(() => {
        // Accepted blocks are events in the user's calendar by now: they stay there.
        store.tasks.delete(id);
        // A task imported from Google stays out of calsync until Google deletes it too.
        if (t.source === 'google' && t.externalId) store.googleTasks.dismiss(t.externalId, clock.now());
      });
      return { id };
    },
    plan: async () => planner.plan(),
    listProposals: async ({ status }) =>
      store.proposals.list(status === 'all' ? 'all' : status).map(proposalViewer(store, clock.now())),
    acceptProposals: async (input) => acceptor.accept('all' in input ? 'all' : input.ids),
    rejectProposal: async ({ id }) => {
      const rejected = await acceptor.reject(id);
      planner.plan(); // offer the task another slot straight away
      return rejected;
    },
    acceptMove: async ({ id }) => acceptor.acceptMove(id),
    acceptProposalAt: async ({ id, start, end }) => dropper.acceptAt(id, start, end),
    undoDecision: async ({ id }) => dropper.undo(id),
  };
}

/** A patch is checked as a whole task again: min ≤ max chunk, earliest < due. */
function mergeTask(t: Task, patch: TaskPatch) {
  const merged = {
    title: t.title,
    notes: t.notes,
    durationMinutes: t.durationMinutes,
    priority: t.priority,
    due: t.due,
    earliest: t.earliest,
    minChunkMinutes: t.minChunkMinutes,
    maxChunkMinutes: t.maxChunkMinutes,
    ...patch,
  };
  const { status, ...fields } = merged as typeof merged & { status?: Task['status'] };
  const parsed = taskInputSchema.safeParse(fields);
  if (!parsed.success) throw new AppError('bad-input', issuesText(parsed.error, 'task'));
  return { ...parsed.data, status: status ?? t.status };
}
