// Tasks v1 through googleapis.
import type { tasks_v1 } from 'googleapis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGoogle, type FakeGoogle } from './index';
import { login, SCOPES, statusOf, tasksApi } from './test-client';

const EMAIL = 'ada@example.test';
let fake: FakeGoogle;
let api: tasks_v1.Tasks;

beforeAll(async () => {
  fake = await startFakeGoogle({ seed: 17 });
  fake.addUser({ email: EMAIL });
  api = tasksApi(fake, (await login(fake, { email: EMAIL, scopes: ['openid', 'email', SCOPES.tasks] })).client);
});
afterAll(() => fake.close());

describe('tasklists.list', () => {
  it('starts with "My Tasks" and lists added lists', async () => {
    const id = fake.addTaskList(EMAIL, 'Work');
    const { data } = await api.tasklists.list();
    expect(data.kind).toBe('tasks#taskLists');
    expect(data.items?.map((l) => l.title)).toEqual(['My Tasks', 'Work']);
    expect(data.items?.[1]).toMatchObject({
      kind: 'tasks#taskList',
      id,
      selfLink: `https://www.googleapis.com/tasks/v1/users/@me/lists/${id}`,
    });
    expect(data.items?.[1]?.updated).toMatch(/Z$/);
  });
});

describe('tasks.list', () => {
  it('pages at 20 by default and 100 at most, in position order', async () => {
    const list = fake.addTaskList(EMAIL, 'Many');
    for (let i = 0; i < 130; i++) fake.addTask(list, { title: `t${i}` });
    const first = await api.tasks.list({ tasklist: list });
    expect(first.data.items).toHaveLength(20);
    expect(first.data.items?.[0]?.title).toBe('t0');
    const big = await api.tasks.list({ tasklist: list, maxResults: 500 });
    expect(big.data.items).toHaveLength(100);
    const rest = await api.tasks.list({ tasklist: list, maxResults: 500, pageToken: big.data.nextPageToken as string });
    expect(rest.data.items).toHaveLength(30);
    expect(rest.data.nextPageToken).toBeUndefined();
  });

  it('due keeps only the date; completed follows status; filters match the documented defaults', async () => {
    const list = fake.addTaskList(EMAIL, 'Filters');
    const open = fake.addTask(list, { title: 'open', due: '2026-08-05T15:00:00-07:00', notes: 'n' });
    expect(open).toMatchObject({
      kind: 'tasks#task',
      status: 'needsAction',
      due: '2026-08-05T00:00:00.000Z',
      notes: 'n',
    });
    expect(open.position).toMatch(/^\d{20}$/);
    const done = fake.addTask(list, { title: 'done', status: 'completed' });
    expect(done.completed).toMatch(/Z$/);
    const gone = fake.addTask(list, { title: 'gone' });
    fake.deleteTask(list, gone.id as string);
    const titles = async (p: Partial<tasks_v1.Params$Resource$Tasks$List>) =>
      (await api.tasks.list({ tasklist: list, ...p })).data.items?.map((t) => t.title);
    expect(await titles({})).toEqual(['open', 'done']);
    expect(await titles({ showCompleted: false })).toEqual(['open']);
    expect(await titles({ showDeleted: true })).toEqual(['open', 'done', 'gone']);
    expect(await titles({ dueMin: '2026-08-05T00:00:00Z', dueMax: '2026-08-06T00:00:00Z' })).toEqual(['open']);
    await api.tasks.clear({ tasklist: list });
    expect(await titles({})).toEqual(['open']);
    expect(await titles({ showHidden: true })).toEqual(['open', 'done']);
  });

  it('insert, patch, delete through the API; @default is the first list', async () => {
    const { data: t } = await api.tasks.insert({
      tasklist: '@default',
      requestBody: { title: 'write report', due: '2026-09-01T00:00:00.000Z' },
    });
    expect(t.selfLink).toContain('/tasks/');
    const { data: p } = await api.tasks.patch({
      tasklist: '@default',
      task: t.id as string,
      requestBody: { status: 'completed' },
    });
    expect(p.status).toBe('completed');
    expect(p.etag).not.toBe(t.etag);
    expect((await api.tasks.delete({ tasklist: '@default', task: t.id as string })).status).toBe(204);
    expect(await statusOf(api.tasks.get({ tasklist: 'nope', task: 'x' }))).toBe(404);
  });

  it('updatedMin returns what changed since, deletions included with showDeleted', async () => {
    const list = fake.addTaskList(EMAIL, 'Changes');
    const old = fake.addTask(list, { title: 'old' });
    const edited = fake.addTask(list, { title: 'edited' });
    const gone = fake.addTask(list, { title: 'gone' });
    await new Promise((r) => setTimeout(r, 5));
    const since = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    fake.patchTask(list, edited.id as string, { title: 'edited again', status: 'completed' });
    fake.deleteTask(list, gone.id as string);
    const { data } = await api.tasks.list({
      tasklist: list,
      updatedMin: since,
      showCompleted: true,
      showHidden: true,
      showDeleted: true,
    });
    expect(data.items?.map((t) => [t.title, t.status, t.deleted ?? false])).toEqual([
      ['edited again', 'completed', false],
      ['gone', 'needsAction', true],
    ]);
    expect(data.items?.[0]?.completed).toMatch(/Z$/);
    expect(data.items?.some((t) => t.id === old.id)).toBe(false);
    const without = await api.tasks.list({ tasklist: list, updatedMin: since });
    expect(without.data.items?.map((t) => t.title)).toEqual(['edited again']);
  });

  it('tasklists.delete removes a list and its tasks (404 afterwards)', async () => {
    const list = fake.addTaskList(EMAIL, 'Doomed');
    fake.addTask(list, { title: 'x' });
    fake.deleteTaskList(list);
    expect(await statusOf(api.tasks.list({ tasklist: list }))).toBe(404);
    expect((await api.tasklists.list()).data.items?.some((l) => l.id === list)).toBe(false);
  });

  it('401 without a valid token', async () => {
    expect((await fetch(`${fake.baseUrl}tasks/v1/users/@me/lists`)).status).toBe(401);
    expect(
      (await fetch(`${fake.baseUrl}tasks/v1/users/@me/lists`, { headers: { Authorization: 'Bearer nope' } })).status,
    ).toBe(401);
  });

  it('include_granted_scopes: a later consent for tasks keeps the calendar scopes granted before', async () => {
    await login(fake, { email: EMAIL, scopes: ['openid', 'email', SCOPES.calendarEvents] });
    const { client } = await login(fake, {
      email: EMAIL,
      scopes: ['openid', 'email', SCOPES.tasksReadonly],
      includeGrantedScopes: true,
    });
    const scope = String(client.credentials.scope).split(' ');
    expect(scope).toEqual(expect.arrayContaining([SCOPES.tasksReadonly, SCOPES.calendarEvents]));
    expect(await statusOf(tasksApi(fake, client).tasklists.list())).toBe(200);
    // Without it, only what was asked for.
    const narrow = await login(fake, { email: EMAIL, scopes: ['openid', 'email', SCOPES.tasksReadonly] });
    expect(String(narrow.client.credentials.scope)).not.toContain(SCOPES.calendarEvents);
  });

  it('needs a tasks scope', async () => {
    const calendarOnly = tasksApi(
      fake,
      (await login(fake, { email: EMAIL, scopes: [SCOPES.calendarReadonly] })).client,
    );
    expect(await statusOf(calendarOnly.tasklists.list())).toBe(403);
  });
});
