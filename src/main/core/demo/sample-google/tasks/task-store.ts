// Google Tasks data: task lists per user (every account starts with "My
// Tasks", as in Google) and their tasks, with the field rules of Tasks v1
// (due is a date at midnight UTC, completed follows status).
import { GoogleApiError } from '../errors';
import type { IdSource } from '../ids';
import type { GoogleTask, GoogleTaskList } from '../types';

interface ListRecord {
  list: GoogleTaskList;
  owner: string;
  tasks: Map<string, GoogleTask>;
  nextPosition: number;
}

const SELF = 'https://www.googleapis.com/tasks/v1';

/** "2026-08-05T15:00:00-07:00" → "2026-08-05T00:00:00.000Z": only the date is kept. */
export function normaliseDue(due: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(due);
  if (!m) throw new GoogleApiError('invalid', { message: 'Invalid value for: due', location: 'due' });
  return `${m[1]}T00:00:00.000Z`;
}

export class TaskStore {
  private readonly lists = new Map<string, ListRecord>();
  private writes = 0;

  constructor(
    private readonly ids: IdSource,
    private readonly now: () => number,
  ) {}

  private etag(): string {
    this.writes += 1;
    return `"${Buffer.from(`${this.now()}:${this.writes}`).toString('base64url')}"`;
  }

  addList(email: string, title: string): string {
    const id = this.ids.taskId();
    const list: GoogleTaskList = {
      kind: 'tasks#taskList',
      id,
      etag: this.etag(),
      title,
      updated: new Date(this.now()).toISOString(),
      selfLink: `${SELF}/users/@me/lists/${id}`,
    };
    this.lists.set(id, { list, owner: email, tasks: new Map(), nextPosition: 1 });
    return id;
  }

  listsFor(email: string): GoogleTaskList[] {
    return [...this.lists.values()].filter((r) => r.owner === email).map((r) => r.list);
  }

  /** The caller's list; "@default" is their first. 404 for anyone else's. */
  resolve(email: string, listId: string): ListRecord {
    const rec =
      listId === '@default' ? [...this.lists.values()].find((r) => r.owner === email) : this.lists.get(listId);
    if (!rec || rec.owner !== email) throw new GoogleApiError('notFound');
    return rec;
  }

  record(listId: string): ListRecord {
    const rec = this.lists.get(listId);
    if (!rec) throw new Error(`fake-google: unknown task list ${listId}`);
    return rec;
  }

  private touch(rec: ListRecord, task: GoogleTask): GoogleTask {
    task.etag = this.etag();
    task.updated = new Date(this.now()).toISOString();
    rec.list.updated = task.updated;
    return task;
  }

  private applyFields(task: GoogleTask, input: Partial<GoogleTask>): void {
    const {
      id: _id,
      kind: _k,
      etag: _e,
      selfLink: _s,
      updated: _u,
      position: _p,
      parent: _parent,
      webViewLink: _w,
      links: _l,
      hidden: _h,
      ...rest
    } = input;
    Object.assign(task, rest);
    // Patch semantics: a field sent as null is cleared (Google then leaves it out of the resource).
    for (const [k, v] of Object.entries(rest)) if (v === null) delete (task as Record<string, unknown>)[k];
    if (input.due) task.due = normaliseDue(input.due);
    if (input.due === null) delete task.due;
    if (task.status !== 'completed' && task.status !== 'needsAction')
      throw new GoogleApiError('invalid', { message: 'Invalid value for: status', location: 'status' });
    // `completed` is the server's time of the completion unless the client names one; completing a completed
    // task again keeps it (so a repeated patch changes nothing but etag/updated); reopening clears it.
    if (task.status === 'completed')
      task.completed = input.completed ?? task.completed ?? new Date(this.now()).toISOString();
    else delete task.completed;
  }

  insert(listId: string, input: Partial<GoogleTask>): GoogleTask {
    const rec = this.record(listId);
    const id = this.ids.taskId();
    // Positions are zero-padded decimal strings that sort lexicographically.
    const position = String(rec.nextPosition * 33554431).padStart(20, '0');
    rec.nextPosition += 1;
    const task: GoogleTask = {
      kind: 'tasks#task',
      id,
      etag: '',
      title: '',
      updated: '',
      selfLink: `${SELF}/lists/${rec.list.id}/tasks/${id}`,
      position,
      status: 'needsAction',
    };
    if (input.parent) task.parent = input.parent;
    this.applyFields(task, { status: 'needsAction', ...input });
    task.webViewLink = `https://tasks.google.com/task/${id}?sa=6`;
    if (input.links?.length) task.links = input.links;
    rec.tasks.set(id, task);
    return this.touch(rec, task);
  }

  get(listId: string, taskId: string): GoogleTask {
    const task = this.record(listId).tasks.get(taskId);
    if (!task) throw new GoogleApiError('notFound');
    return task;
  }

  patch(listId: string, taskId: string, patch: Partial<GoogleTask>, replace = false): GoogleTask {
    const rec = this.record(listId);
    const task = this.get(listId, taskId);
    if (replace) for (const k of ['notes', 'due', 'completed'] as const) delete task[k];
    this.applyFields(task, patch);
    return this.touch(rec, task);
  }

  remove(listId: string, taskId: string): void {
    const rec = this.record(listId);
    const task = this.get(listId, taskId);
    task.deleted = true;
    this.touch(rec, task);
  }

  /** tasklists.delete: the list and its tasks are gone (later reads of it are 404). */
  removeList(listId: string): void {
    this.record(listId);
    this.lists.delete(listId);
  }

  /**
   * Completed in Google's own apps (web, mobile): such tasks come back hidden, so API clients see them only with
   * showHidden=true (documented beside showCompleted in the Tasks v1 reference).
   */
  completeInApp(listId: string, taskId: string): GoogleTask {
    const rec = this.record(listId);
    const task = this.get(listId, taskId);
    this.applyFields(task, { status: 'completed' });
    task.hidden = true;
    return this.touch(rec, task);
  }

  /** tasks.clear: completed tasks become hidden. */
  clear(listId: string): void {
    const rec = this.record(listId);
    for (const t of rec.tasks.values())
      if (t.status === 'completed' && !t.hidden) this.touch(rec, Object.assign(t, { hidden: true }));
  }
}
