// The TasksSource port and its Google implementation (googleapis Tasks v1):
// task lists and every task of a list, paged, with completed, hidden and
// deleted tasks (the import needs them all to stay in step). Every call goes
// through withRetry; responses are checked before the engine trusts them.
import type { tasks_v1 } from 'googleapis/build/src/apis/tasks/index.js';
import type { OAuth2Client } from 'google-auth-library';
import * as z from 'zod';
import { AppError } from '../../../shared/errors';
import { GoogleCallError, MalformedResponseError } from './google-errors';
import { withRetry, type CallContext, type RetryHooks, type RetryPolicy } from './retry';
import { tasksClient } from './tasks-client';
import { tasksConsentMessage } from './tasks-consent';

export interface RemoteTaskList {
  id: string;
  title: string;
}

export interface TasksListing {
  /** Raw task items; the import validates each one on its own. */
  items: unknown[];
  pages: number;
}

export interface TasksSource {
  listTaskLists(ctx: CallContext): Promise<RemoteTaskList[]>;
  /** Every task of a list changed at or after `updatedMin` (all of them without it); 'gone' when the list no longer exists. */
  listTasks(listId: string, updatedMin: string | null, ctx: CallContext): Promise<TasksListing | 'gone'>;
}

/** The account's token lacks the Tasks scope (granted scopes changed at Google, or it was never asked for). */
export class TasksConsentError extends AppError {
  constructor(email: string) {
    super('needs-consent', tasksConsentMessage(email), { email });
  }
}

export { tasksConsentMessage };

const listsSchema = z.object({
  items: z.array(z.object({ id: z.string().min(1), title: z.string().optional() })).optional(),
  nextPageToken: z.string().min(1).optional(),
});

const tasksPageSchema = z.object({
  items: z.array(z.unknown()).optional(),
  nextPageToken: z.string().min(1).optional(),
});

const insufficientScope = (e: unknown) =>
  e instanceof GoogleCallError &&
  e.failure.status === 403 &&
  (e.failure.reason === 'insufficientPermissions' || e.failure.reason === 'ACCESS_TOKEN_SCOPE_INSUFFICIENT');

export class GoogleTasksSource implements TasksSource {
  private readonly api: tasks_v1.Tasks;
  private readonly hooks: RetryHooks;

  constructor(
    auth: OAuth2Client,
    rootUrl: string,
    private readonly policy: RetryPolicy,
    timeoutMs: number,
    private readonly email: string,
    /** Tasks per page: Google's maximum (100) unless tests ask for less. */
    private readonly pageSize = 100,
  ) {
    ({ api: this.api, hooks: this.hooks } = tasksClient(auth, rootUrl, timeoutMs));
  }

  async listTaskLists(ctx: CallContext): Promise<RemoteTaskList[]> {
    const out: RemoteTaskList[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.call('tasklists.list', ctx, async () => {
        const r = await this.api.tasklists.list({ maxResults: this.pageSize, pageToken });
        const parsed = listsSchema.safeParse(r.data);
        if (!parsed.success) throw new MalformedResponseError('task list page');
        return parsed.data;
      });
      for (const l of page.items ?? []) out.push({ id: l.id, title: l.title ?? '' });
      pageToken = page.nextPageToken;
    } while (pageToken);
    return out;
  }

  async listTasks(listId: string, updatedMin: string | null, ctx: CallContext): Promise<TasksListing | 'gone'> {
    const items: unknown[] = [];
    let pages = 0;
    let pageToken: string | undefined;
    try {
      do {
        const params: tasks_v1.Params$Resource$Tasks$List = {
          tasklist: listId,
          maxResults: this.pageSize,
          showCompleted: true,
          showHidden: true,
          showDeleted: true,
          pageToken,
          ...(updatedMin ? { updatedMin } : {}),
        };
        const page = await this.call('tasks.list', ctx, async () => {
          const r = await this.api.tasks.list(params);
          const parsed = tasksPageSchema.safeParse(r.data);
          if (!parsed.success) throw new MalformedResponseError('tasks page');
          return parsed.data;
        });
        items.push(...(page.items ?? []));
        pages++;
        pageToken = page.nextPageToken;
      } while (pageToken);
    } catch (e) {
      if (e instanceof GoogleCallError && e.failure.status === 404) return 'gone';
      throw e;
    }
    return { items, pages };
  }

  private async call<T>(label: string, ctx: CallContext, fn: () => Promise<T>): Promise<T> {
    try {
      return await withRetry(label, fn, this.policy, ctx, this.hooks);
    } catch (e) {
      if (insufficientScope(e)) throw new TasksConsentError(this.email);
      throw e;
    }
  }
}
