// Google Tasks both ways, end to end against the fake Google: a task
// completed in calsync is completed at Google (only with the `tasks` scope,
// asked with `login --tasks-write`; without it the completion stays local and
// the user is told once), a lost answer neither loses nor repeats the
// completion, a task completed at Google (through the API or in Google's own
// apps) is done here after the next sync, and a task changed at Google too
// keeps Google's fields and says so once. Only instants are compared, so any
// TZ gives the same result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalsyncApp } from '../../src/main/core/app';
import type { SyncRun, Task } from '../../src/shared/domain';
import type { GoogleTask } from '../fakes/google';
import { startWorld, type World } from '../helpers/world';

let world: World;
let app: CalsyncApp;
let list: string;
const made: Record<string, GoogleTask> = {};

const at = (key: string) => world.google.getTask(list, made[key]!.id as string)!;
const local = (key: string): Task =>
  app.store.tasks.list('all').find((t) => t.externalId?.endsWith(`:${made[key]!.id}`))!;
const taskPath = (key: string) => `/tasks/v1/lists/${list}/tasks/${made[key]!.id}`;
const patches = (key: string) => world.google.requests.filter((r) => r.method === 'PATCH' && r.path === taskPath(key));
const complete = (key: string) => app.api.updateTask({ id: local(key).id, patch: { status: 'done' } });
const sync = (): Promise<SyncRun> => app.api.syncNow({ full: false });
const hints = () => world.logs.filter((l) => l.includes('calsync login --tasks-write')).length;

beforeAll(async () => {
  // Short request timeouts: a lost answer is noticed in half a second.
  world = await startWorld({ tuning: { requestTimeoutMs: 500, retryMaxAttempts: 3 } });
  app = world.app();
  await world.login(app, { tasks: true });
  await app.api.updateSettings({ googleTasks: { import: true } });
  list = world.google.addTaskList(world.user.email, 'Errands');
  for (const key of ['rent', 'bank', 'passport', 'flights', 'plants', 'dentist', 'tickets', 'report', 'slides'])
    made[key] = world.google.addTask(list, { title: key });
  const run = await sync();
  expect(run.taskImports).toEqual([expect.objectContaining({ status: 'succeeded', inserted: 9 })]);
});
afterAll(async () => {
  await app.close();
  await world.close();
});

describe('Google Tasks both ways', () => {
  it('without the tasks scope: completing stays local, nothing is sent, and the user is told once how to allow it', async () => {
    expect((await app.api.listAccounts({}))[0]).toMatchObject({ canReadTasks: true, canWriteTasks: false });
    expect((await complete('rent')).status).toBe('done');
    expect((await complete('bank')).status).toBe('done');
    expect(at('rent').status).toBe('needsAction');
    expect(at('bank').status).toBe('needsAction');
    expect(world.google.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
    expect(app.store.googleTaskWrites.count()).toBe(0);
    expect(hints()).toBe(1);
    // The next import leaves the local completion alone: Google did not change the task.
    await sync();
    expect(local('rent').status).toBe('done');
  });

  it('with --tasks-write: `tasks done` completes the task at Google, with the completion time Google sets', async () => {
    const account = await world.login(app, { tasksWrite: true });
    // Incremental consent keeps the read scopes granted before.
    expect(account).toMatchObject({ canReadTasks: true, canWriteTasks: true });
    const r = await world.cli(['tasks', 'done', local('passport').id, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as Task).status).toBe('done');
    const sent = patches('passport');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.status).toBe(200);
    expect(at('passport').status).toBe('completed');
    // Set by Google when the patch arrived (calsync sends no time of its own).
    expect(JSON.parse(sent[0]!.body ?? '{}')).toEqual({ status: 'completed' });
    expect(Date.parse(at('passport').completed!)).toBeGreaterThanOrEqual(sent[0]!.at);
    expect(local('passport').status).toBe('done');
    expect(app.store.googleTaskWrites.count()).toBe(0);
    // A completion made before the scope was granted stays local: it was never queued.
    expect(at('rent').status).toBe('needsAction');
  });

  it('a lost answer: the retry meets a task already completed, which keeps its first completion time', async () => {
    world.google.faults.inject({
      match: { method: 'PATCH', path: taskPath('flights') },
      action: { kind: 'lost-response' },
    });
    expect((await complete('flights')).status).toBe('done');
    const sent = patches('flights');
    expect(sent).toHaveLength(2);
    expect(at('flights').status).toBe('completed');
    // The first patch's completion time: between the first patch and the retry.
    const completed = Date.parse(at('flights').completed!);
    expect(completed).toBeGreaterThanOrEqual(sent[0]!.at);
    expect(completed).toBeLessThan(sent[1]!.at);
    expect(app.store.googleTaskWrites.count()).toBe(0);
  });

  it('every answer lost: the completion stays queued, and the next sync settles it without patching again', async () => {
    world.google.faults.inject({
      match: { method: 'PATCH', path: taskPath('plants') },
      times: Infinity,
      action: { kind: 'lost-response' },
    });
    expect((await complete('plants')).status).toBe('done');
    const sent = patches('plants').length;
    expect(sent).toBeGreaterThanOrEqual(1);
    expect(app.store.googleTaskWrites.get(local('plants').id)).toMatchObject({ status: 'completed', attempts: 1 });
    const completedAt = at('plants').completed;
    expect(Date.parse(completedAt!)).toBeLessThan(patches('plants')[1]?.at ?? Infinity);

    world.google.faults.clear();
    const run = await sync();
    expect(run.taskImports).toEqual([expect.objectContaining({ status: 'succeeded' })]);
    expect(run.taskImports![0]).not.toHaveProperty('warnings');
    expect(patches('plants')).toHaveLength(sent);
    expect(at('plants')).toMatchObject({ status: 'completed', completed: completedAt });
    expect(local('plants').status).toBe('done');
    expect(app.store.googleTaskWrites.count()).toBe(0);
  });

  it('the permission gone at Google (403 insufficientPermissions): the change stays local, and is told again', async () => {
    const seen = hints();
    world.google.faults.inject({
      match: { path: taskPath('rent') },
      action: { status: 403, reason: 'insufficientPermissions' },
    });
    // "rent" was completed here only (before --tasks-write); reopening it now meets the 403.
    expect((await app.api.updateTask({ id: local('rent').id, patch: { status: 'open' } })).status).toBe('open');
    expect(hints()).toBe(seen + 1);
    expect(app.store.googleTaskWrites.count()).toBe(0);
    expect(patches('rent')).toEqual([]);
  });

  it("completed at Google, through the API or ticked in Google's app (hidden): done here after the next sync, its proposals gone", async () => {
    await app.api.plan({});
    expect(app.store.proposals.list('proposed').some((p) => p.taskId === local('dentist').id)).toBe(true);
    world.google.patchTask(list, made.dentist!.id as string, { status: 'completed' });
    world.google.completeTaskInApp(list, made.tickets!.id as string);
    await sync();
    expect(local('dentist').status).toBe('done');
    expect(local('tickets').status).toBe('done');
    const proposed = app.store.proposals.list('proposed').map((p) => p.taskId);
    expect(proposed).not.toContain(local('dentist').id);
    expect(proposed).not.toContain(local('tickets').id);
  });

  it("a conflict (renamed at Google while completed here, or completed and reopened there): Google's fields win, said once", async () => {
    // Google unreachable for these two tasks when they are completed here: the completions wait in the queue.
    for (const key of ['report', 'slides'])
      world.google.faults.inject({ match: { path: taskPath(key) }, times: Infinity, action: { status: 503 } });
    expect((await complete('report')).status).toBe('done');
    expect((await complete('slides')).status).toBe('done');
    expect(app.store.googleTaskWrites.count()).toBe(2);
    world.google.faults.clear();
    world.google.patchTask(list, made.report!.id as string, { title: 'report v2' });
    world.google.patchTask(list, made.slides!.id as string, { status: 'completed' });
    world.google.patchTask(list, made.slides!.id as string, { status: 'needsAction' });

    const run = await sync();
    const warnings = run.taskImports![0]!.warnings ?? [];
    expect(warnings).toHaveLength(2);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^"report v2" was completed in calsync .*Google's version is kept, so it is open here again/,
        ),
        expect.stringMatching(/^"slides" was completed in calsync .*open here again/),
      ]),
    );
    expect(local('report')).toMatchObject({ title: 'report v2', status: 'open' });
    expect(local('slides').status).toBe('open');
    // Nothing was written over Google's changes.
    expect(patches('report').filter((r) => r.status === 200)).toEqual([]);
    expect(at('report')).toMatchObject({ title: 'report v2', status: 'needsAction' });
    expect(at('slides').status).toBe('needsAction');
    expect(app.store.googleTaskWrites.count()).toBe(0);
    // Told once: the next run says nothing more.
    expect((await sync()).taskImports![0]).not.toHaveProperty('warnings');
    const runs = await app.api.listRuns({ limit: 5 });
    expect(runs.filter((r) => r.taskImports?.some((t) => t.warnings?.length))).toHaveLength(1);
    // The sync log for people shows it under that run's Google Tasks line.
    const text = await world.cli(['runs', '--limit', '2']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/note: "report v2" was completed in calsync/);
  });
});
