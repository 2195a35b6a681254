// Tasks v1 writes as the write-back of imported tasks meets them: tasks.patch
// semantics, `completed` set by the server, completions from Google's own
// apps (hidden), and the 403 a token without the `tasks` scope gets, with
// Google's real body (the modern envelope plus its ErrorInfo).
import type { tasks_v1 } from 'googleapis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGoogle, type FakeGoogle } from './index';
import { login, SCOPES, tasksApi } from './test-client';

const EMAIL = 'ada@example.test';
const T0 = Date.parse('2026-03-08T06:30:00.000Z');
let clock = T0;
let fake: FakeGoogle;
let api: tasks_v1.Tasks;
let readOnly: tasks_v1.Tasks;
let list: string;

beforeAll(async () => {
  fake = await startFakeGoogle({ seed: 23, now: () => clock });
  fake.addUser({ email: EMAIL });
  api = tasksApi(fake, (await login(fake, { email: EMAIL, scopes: ['openid', 'email', SCOPES.tasks] })).client);
  readOnly = tasksApi(
    fake,
    (await login(fake, { email: EMAIL, scopes: ['openid', 'email', SCOPES.tasksReadonly] })).client,
  );
  list = fake.addTaskList(EMAIL, 'Write');
});
afterAll(() => fake.close());

describe('tasks.patch', () => {
  it('changes only the fields it names; completed is the server time of the completion, kept on a repeat, cleared on reopening', async () => {
    const t = fake.addTask(list, { title: 'Report', notes: 'numbers', due: '2026-03-10T00:00:00.000Z' });
    clock = T0 + 60_000;
    const { data: done } = await api.tasks.patch({
      tasklist: list,
      task: t.id as string,
      requestBody: { status: 'completed' },
    });
    expect(done).toMatchObject({
      title: 'Report',
      notes: 'numbers',
      due: '2026-03-10T00:00:00.000Z',
      status: 'completed',
      completed: new Date(T0 + 60_000).toISOString(),
      updated: new Date(T0 + 60_000).toISOString(),
    });
    expect(done.etag).not.toBe(t.etag);

    // Completing again (a retry after a lost answer) keeps the first completion time.
    clock = T0 + 120_000;
    const { data: again } = await api.tasks.patch({
      tasklist: list,
      task: t.id as string,
      requestBody: { status: 'completed' },
    });
    expect(again.completed).toBe(done.completed);
    expect(again.updated).toBe(new Date(T0 + 120_000).toISOString());
    expect(again.etag).not.toBe(done.etag);

    const { data: open } = await api.tasks.patch({
      tasklist: list,
      task: t.id as string,
      requestBody: { status: 'needsAction', completed: null, notes: null },
    });
    expect(open.status).toBe('needsAction');
    expect(open).not.toHaveProperty('completed');
    expect(open).not.toHaveProperty('notes');
    expect(open.title).toBe('Report');
  });

  it("a task ticked in Google's own apps is completed and hidden: listed only with showHidden", async () => {
    const t = fake.addTask(list, { title: 'Ticked in the app' });
    clock = T0 + 180_000;
    const ticked = fake.completeTaskInApp(list, t.id as string);
    expect(ticked).toMatchObject({
      status: 'completed',
      hidden: true,
      completed: new Date(T0 + 180_000).toISOString(),
    });
    const titles = async (p: Partial<tasks_v1.Params$Resource$Tasks$List>) =>
      (await api.tasks.list({ tasklist: list, ...p })).data.items?.map((x) => x.title) ?? [];
    expect(await titles({})).not.toContain('Ticked in the app');
    expect(await titles({ showHidden: true })).toContain('Ticked in the app');
  });

  it("a token with tasks.readonly may read but not patch: 403 with Google's body, the task unchanged", async () => {
    const t = fake.addTask(list, { title: 'Read only' });
    expect((await readOnly.tasks.get({ tasklist: list, task: t.id as string })).status).toBe(200);
    const err = await readOnly.tasks
      .patch({ tasklist: list, task: t.id as string, requestBody: { status: 'completed' } })
      .then(
        () => null,
        (e: { status?: number; response?: { data?: unknown } }) => e,
      );
    expect(err?.status).toBe(403);
    // The shape of real captures (calendar-json's in the Analog and GeneralTask reports; the Tasks service name from a live probe).
    expect(err?.response?.data).toEqual({
      error: {
        code: 403,
        message: 'Request had insufficient authentication scopes.',
        errors: [{ message: 'Insufficient Permission', domain: 'global', reason: 'insufficientPermissions' }],
        status: 'PERMISSION_DENIED',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
            domain: 'googleapis.com',
            metadata: { service: 'tasks.googleapis.com', method: 'google.apps.tasks.data.v1.TaskService.Patch' },
          },
        ],
      },
    });
    expect(fake.getTask(list, t.id as string)).toMatchObject({ status: 'needsAction' });
  });
});
