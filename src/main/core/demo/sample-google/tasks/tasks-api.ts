// HTTP handlers for Tasks v1: users/@me/lists and lists/{tasklist}/tasks.
import { GoogleApiError } from '../errors';
import { selectFields } from '../fields';
import { jsonBody, type FakeRequest, type FakeResponse } from '../http';
import type { Guard } from '../oauth/guard';
import type { GoogleTask } from '../types';
import type { TaskStore } from './task-store';

function limit(q: URLSearchParams, dflt: number, cap: number): number {
  const raw = q.get('maxResults');
  if (raw === null) return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new GoogleApiError('invalid', { location: 'maxResults' });
  return Math.min(n, cap);
}

/** Offset page tokens, opaque enough for a client that only passes them back. */
const encodeOffset = (o: number) => Buffer.from(`o:${o}`).toString('base64url');
function decodeOffset(t: string | null): number {
  if (!t) return 0;
  const m = /^o:(\d+)$/.exec(Buffer.from(t, 'base64url').toString('utf8'));
  if (!m) throw new GoogleApiError('invalid', { message: 'Invalid page token value.', location: 'pageToken' });
  return Number(m[1]);
}

const etagOf = (items: Array<{ etag?: string | null }>) =>
  `"${Buffer.from(items.map((i) => i.etag).join(''))
    .toString('base64url')
    .slice(0, 27)}"`;

function timeParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) throw new GoogleApiError('invalid', { location: name });
  return ms;
}

export class TasksApi {
  constructor(
    private readonly guard: Guard,
    private readonly store: TaskStore,
  ) {}

  lists(req: FakeRequest): FakeResponse {
    const caller = this.guard.require(req, 'tasksRead');
    const all = this.store.listsFor(caller.email);
    // Documented: default 1000, max 1000.
    const max = limit(req.query, 1000, 1000);
    const offset = decodeOffset(req.query.get('pageToken'));
    const items = all.slice(offset, offset + max);
    const body: Record<string, unknown> = { kind: 'tasks#taskLists', etag: etagOf(items) };
    if (offset + max < all.length) body.nextPageToken = encodeOffset(offset + max);
    body.items = items;
    return { status: 200, json: selectFields(body, req.query.get('fields')) };
  }

  getList(req: FakeRequest, listId: string): FakeResponse {
    const caller = this.guard.require(req, 'tasksRead');
    return { status: 200, json: this.store.resolve(caller.email, listId).list };
  }

  deleteList(req: FakeRequest, listId: string): FakeResponse {
    const caller = this.guard.require(req, 'tasksWrite');
    this.store.removeList(this.store.resolve(caller.email, listId).list.id as string);
    return { status: 204 };
  }

  tasks(req: FakeRequest, listId: string): FakeResponse {
    const caller = this.guard.require(req, 'tasksRead');
    const rec = this.store.resolve(caller.email, listId);
    const q = req.query;
    const flag = (n: string, d: boolean) => (q.has(n) ? q.get(n) === 'true' : d);
    const showCompleted = flag('showCompleted', true);
    const showHidden = flag('showHidden', false);
    const showDeleted = flag('showDeleted', false);
    const [updatedMin, dueMin, dueMax, completedMin, completedMax] = [
      'updatedMin',
      'dueMin',
      'dueMax',
      'completedMin',
      'completedMax',
    ].map((n) => timeParam(q, n));
    const at = (s?: string | null) => (s ? Date.parse(s) : undefined);
    const all = [...rec.tasks.values()]
      .filter((t) => showDeleted || !t.deleted)
      .filter((t) => showHidden || !t.hidden)
      .filter((t) => showCompleted || t.status !== 'completed')
      .filter((t) => updatedMin === undefined || (at(t.updated) ?? 0) >= updatedMin)
      .filter((t) => dueMin === undefined || (at(t.due) ?? -Infinity) >= dueMin)
      .filter((t) => dueMax === undefined || (at(t.due) ?? Infinity) < dueMax)
      .filter((t) => completedMin === undefined || (at(t.completed) ?? -Infinity) >= completedMin)
      .filter((t) => completedMax === undefined || (at(t.completed) ?? Infinity) < completedMax)
      .sort((a, b) => String(a.position).localeCompare(String(b.position)));
    // Documented: default 20, max 100.
    const max = limit(q, 20, 100);
    const offset = decodeOffset(q.get('pageToken'));
    const items = all.slice(offset, offset + max);
    const body: Record<string, unknown> = { kind: 'tasks#tasks', etag: etagOf(items) };
    if (offset + max < all.length) body.nextPageToken = encodeOffset(offset + max);
    body.items = items;
    return { status: 200, json: selectFields(body, q.get('fields')) };
  }

  task(req: FakeRequest, listId: string, taskId: string): FakeResponse {
    const caller = this.guard.require(req, 'tasksRead');
    const rec = this.store.resolve(caller.email, listId);
    return { status: 200, json: this.store.get(rec.list.id as string, taskId) };
  }

  insert(req: FakeRequest, listId: string): FakeResponse {
    const caller = this.guard.require(req, 'tasksWrite');
    const rec = this.store.resolve(caller.email, listId);
    return { status: 200, json: this.store.insert(rec.list.id as string, jsonBody<Partial<GoogleTask>>(req)) };
  }

  patch(req: FakeRequest, listId: string, taskId: string, replace: boolean): FakeResponse {
    const caller = this.guard.require(req, 'tasksWrite');
    const rec = this.store.resolve(caller.email, listId);
    return {
      status: 200,
      json: this.store.patch(rec.list.id as string, taskId, jsonBody<Partial<GoogleTask>>(req), replace),
    };
  }

  remove(req: FakeRequest, listId: string, taskId: string): FakeResponse {
    const caller = this.guard.require(req, 'tasksWrite');
    const rec = this.store.resolve(caller.email, listId);
    this.store.remove(rec.list.id as string, taskId);
    return { status: 204 };
  }

  clear(req: FakeRequest, listId: string): FakeResponse {
    const caller = this.guard.require(req, 'tasksWrite');
    this.store.clear(this.store.resolve(caller.email, listId).list.id as string);
    return { status: 204 };
  }
}
