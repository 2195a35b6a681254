// Writes to Google Tasks v1 for the write-back of imported tasks: get one
// task, patch its status. Same retry policy and error classification as the
// import; a task or list that is gone is 'gone', a token without the `tasks`
// scope a TasksWriteConsentError.
import type { tasks_v1 } from 'googleapis/build/src/apis/tasks/index.js';
import type { OAuth2Client } from 'google-auth-library';
import { AppError } from '../../../shared/errors';
import { GoogleCallError } from './google-errors';
import { withRetry, type CallContext, type RetryHooks, type RetryPolicy } from './retry';
import { tasksClient } from './tasks-client';
import { tasksWriteConsentMessage } from './tasks-consent';

export class TasksWriteConsentError extends AppError {
  constructor(email: string) {
    super('needs-consent', tasksWriteConsentMessage(email), { email });
  }
}

const insufficientScope = (e: unknown) =>
  e instanceof GoogleCallError &&
  e.failure.status === 403 &&
  (e.failure.reason === 'insufficientPermissions' || e.failure.reason === 'ACCESS_TOKEN_SCOPE_INSUFFICIENT');

export interface TasksWriter {
  /** The task as Google has it now (raw; the caller maps it), or 'gone'. */
  get(listId: string, taskId: string, ctx: CallContext): Promise<unknown>;
  /** tasks.patch: only the named fields change; the answer is the whole task, or 'gone'. */
  patch(listId: string, taskId: string, body: tasks_v1.Schema$Task, ctx: CallContext): Promise<unknown>;
}

export class GoogleTasksWriter implements TasksWriter {
  private readonly api: tasks_v1.Tasks;
  private readonly hooks: RetryHooks;

  constructor(
    auth: OAuth2Client,
    rootUrl: string,
    private readonly policy: RetryPolicy,
    timeoutMs: number,
    private readonly email: string,
  ) {
    ({ api: this.api, hooks: this.hooks } = tasksClient(auth, rootUrl, timeoutMs));
  }

  get(listId: string, taskId: string, ctx: CallContext): Promise<unknown> {
    return this.call('tasks.get', ctx, async () => (await this.api.tasks.get({ tasklist: listId, task: taskId })).data);
  }

  patch(listId: string, taskId: string, body: tasks_v1.Schema$Task, ctx: CallContext): Promise<unknown> {
    // Setting status to completed twice is the same as once (Google keeps the first `completed`), so a retry after a lost answer is safe.
    return this.call(
      'tasks.patch',
      ctx,
      async () => (await this.api.tasks.patch({ tasklist: listId, task: taskId, requestBody: body })).data,
    );
  }

  private async call(label: string, ctx: CallContext, fn: () => Promise<unknown>): Promise<unknown> {
    try {
      return await withRetry(label, fn, this.policy, ctx, this.hooks);
    } catch (e) {
      if (e instanceof GoogleCallError && e.failure.status === 404) return 'gone';
      if (insufficientScope(e)) throw new TasksWriteConsentError(this.email);
      throw e;
    }
  }
}
