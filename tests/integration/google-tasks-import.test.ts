// Google Tasks import end to end through the `calsync` CLI against the fake
// Google: opt-in, a clear message (and calendar sync going on) without the
// scope, two lists with paging, changes kept in step incrementally, local
// planner edits kept, a failure part-way that loses nothing and converges,
// blocks proposed for imported tasks, and turning it off again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunTaskImport, SyncRun, Task } from '../../src/shared/domain';
import type { GoogleTask } from '../fakes/google';
import { startWorld, type World } from '../helpers/world';

const ZONE = 'America/St_Johns';
const DAY = 86_400_000;
let world: World;
// The fake's clock runs a day behind until the first import is in: the tasks
// made before it are older than any later watermark, as they would be.
let lag = DAY;
let work: string;
let mine: string;
const made: Record<string, GoogleTask> = {};

const dateIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const fmt = (ms: number, o: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, hourCycle: 'h23', ...o }).format(new Date(ms));

async function json<T>(args: string[]): Promise<T> {
  const r = await world.cli([...args, '--json']);
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout) as T;
}
const sync = () => json<SyncRun>(['sync']);
const imported = async () => (await json<Task[]>(['tasks', '--all'])).filter((t) => t.source === 'google');
const byTitle = async () => Object.fromEntries((await imported()).map((t) => [t.title, t]));
const tasksCalls = () =>
  world.google.requests.filter((r) => r.method === 'GET' && /^\/tasks\/v1\/lists\/[^/]+\/tasks$/.test(r.path));

beforeAll(async () => {
  world = await startWorld({ tuning: { tasksPageSize: 3 }, google: { now: () => Date.now() - lag } });
  const app = world.app();
  await world.login(app, { write: true });
  await app.close();
  const g = world.google;
  g.insertEvent(world.user.email, {
    summary: 'Standup',
    start: { dateTime: new Date(Date.now() + DAY).toISOString() },
    end: { dateTime: new Date(Date.now() + DAY + 3_600_000).toISOString() },
  });
  // "My Tasks" comes with every account, as at Google.
  mine = g.taskLists(world.user.email)[0]!.id as string;
  work = g.addTaskList(world.user.email, 'Work');
  made.report = g.addTask(work, {
    title: 'Write <b>report</b>',
    notes: 'quarterly; "numbers"',
    due: `${dateIn(5)}T00:00:00.000Z`,
  });
  made.slides = g.addTask(work, { title: 'Slides', due: `${dateIn(6)}T00:00:00.000Z` });
  made.sub = g.addTask(work, { title: 'Slides: charts', parent: made.slides.id as string });
  made.call = g.addTask(work, { title: 'Call the bank' });
  made.old = g.addTask(work, { title: 'Old and done', status: 'completed' });
  made.gone = g.addTask(work, { title: 'Deleted before import' });
  g.deleteTask(work, made.gone.id as string);
  made.cleared = g.addTask(work, { title: 'Cleared', status: 'completed' });
  g.clearTaskList(work);
  made.shop = g.addTask(mine, { title: 'Groceries' });
  made.tax = g.addTask(mine, { title: 'Taxes', due: `${dateIn(9)}T00:00:00.000Z` });
  expect((await world.cli(['config', 'set', 'timeZone', ZONE])).code).toBe(0);
});
afterAll(() => world.close());

describe('calsync and Google Tasks', () => {
  it('imports nothing until turned on; the settings are validated', async () => {
    const run = await sync();
    expect(run.status).toBe('succeeded');
    expect(run.taskImports).toEqual([]);
    expect(await imported()).toEqual([]);
    expect(tasksCalls()).toEqual([]);
    expect(await json(['config', 'get', 'googleTasks'])).toEqual({ import: false, defaultDurationMinutes: 30 });
    expect((await world.cli(['config', 'set', 'googleTasks.defaultDurationMinutes', '5'])).code).toBe(2);
    expect((await world.cli(['config', 'set', 'googleTasks.colour', 'true'])).code).toBe(2);
    expect((await world.cli(['config', 'set', 'googleTasks.import', 'true'])).code).toBe(0);
    expect((await world.cli(['config', 'set', 'googleTasks.defaultDurationMinutes', '45'])).code).toBe(0);
    expect(await json(['config', 'get', 'googleTasks'])).toEqual({ import: true, defaultDurationMinutes: 45 });
    expect(await json(['config', 'get', 'googleTasks.import'])).toBe(true);
  });

  it('without the Tasks scope: a clear message, no Tasks call, and the calendar sync succeeds', async () => {
    const run = await sync();
    expect(run.status).toBe('succeeded');
    expect(run.calendars.every((c) => c.status === 'succeeded')).toBe(true);
    expect(run.taskImports).toEqual([
      expect.objectContaining({ status: 'needs-consent', error: expect.stringContaining('calsync login --tasks') }),
    ]);
    expect(tasksCalls()).toEqual([]);
    const status = await json<{ problems: string[] }>(['status']);
    expect(status.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /read the Google Tasks of ada@example.test.*calsync login --tasks.*calendar sync is not affected/,
        ),
      ]),
    );
    const text = await world.cli(['sync']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Google Tasks .*needs-consent/);
    const events = await json<Array<{ title: string }>>(['events']);
    expect(events.map((e) => e.title)).toContain('Standup');
  });

  it('after consent: imports both lists page by page, mapped, and the planner proposes blocks for them', async () => {
    const app = world.app();
    const account = await world.login(app, { tasks: true });
    await app.close();
    // Incremental consent keeps what was granted before.
    expect(account).toMatchObject({ canReadTasks: true, canWrite: true });
    const run = await sync();
    expect(run.status).toBe('succeeded');
    expect(run.taskImports).toEqual([
      {
        accountId: account.id,
        kind: 'full',
        status: 'succeeded',
        lists: 2,
        inserted: 8,
        updated: 0,
        deleted: 0,
        error: null,
      } satisfies RunTaskImport,
    ]);
    // Paged at 3 with every kind of task asked for.
    const workCalls = tasksCalls().filter((r) => r.path.includes(work));
    expect(workCalls.length).toBeGreaterThanOrEqual(3);
    expect(workCalls[0]!.query).toMatchObject({
      maxResults: '3',
      showCompleted: 'true',
      showHidden: 'true',
      showDeleted: 'true',
    });
    expect(workCalls[0]!.query.updatedMin).toBeUndefined();
    expect(workCalls.slice(1).every((r) => typeof r.query.pageToken === 'string')).toBe(true);

    const t = await byTitle();
    expect(Object.keys(t).sort()).toEqual([
      'Call the bank',
      'Cleared',
      'Groceries',
      'Old and done',
      'Slides',
      'Slides: charts',
      'Taxes',
      'Write <b>report</b>',
    ]);
    expect(t['Write <b>report</b>']).toMatchObject({
      source: 'google',
      externalId: `${account.id}:${made.report!.id}`,
      notes: 'quarterly; "numbers"',
      durationMinutes: 45,
      priority: 3,
      status: 'open',
    });
    expect(t['Old and done']!.status).toBe('done');
    expect(t.Cleared!.status).toBe('done');
    // Due at the end of that day in the settings' zone.
    const due = Date.parse(t['Write <b>report</b>']!.due!);
    expect(fmt(due - 1, { year: 'numeric', month: '2-digit', day: '2-digit' })).toBe(dateIn(5));
    expect(fmt(due, { hour: '2-digit', minute: '2-digit' })).toBe('00:00');

    const text = await world.cli(['tasks']);
    expect(text.stdout).toMatch(/open\s+google\s+Call the bank/);

    const proposals = await json<Array<{ taskId: string; status: string }>>(['proposals']);
    const open = new Set((await imported()).filter((x) => x.status === 'open').map((x) => x.id));
    expect(new Set(proposals.filter((p) => p.status === 'proposed').map((p) => p.taskId))).toEqual(open);
  });

  it('keeps in step incrementally: rename, completion, deletion, a new task; local priority and duration stay', async () => {
    const before = await byTitle();
    const app = world.app();
    await app.api.updateTask({
      id: before['Write <b>report</b>']!.id,
      patch: { priority: 1, durationMinutes: 90, minChunkMinutes: 45 },
    });
    await app.close();
    lag = 0;
    const g = world.google;
    g.patchTask(work, made.report!.id as string, { title: 'Write the report', due: `${dateIn(7)}T00:00:00.000Z` });
    g.patchTask(work, made.call!.id as string, { status: 'completed' });
    g.deleteTask(work, made.slides!.id as string);
    g.addTask(mine, { title: 'Dentist' });
    const seen = tasksCalls().length;

    const run = await sync();
    expect(run.taskImports).toEqual([
      expect.objectContaining({ kind: 'incremental', status: 'succeeded', inserted: 1, updated: 2, deleted: 1 }),
    ]);
    // Only changes were asked for, and only changes came.
    expect(
      tasksCalls()
        .slice(seen)
        .every((r) => typeof r.query.updatedMin === 'string'),
    ).toBe(true);
    const t = await byTitle();
    expect(t['Write the report']).toMatchObject({
      id: before['Write <b>report</b>']!.id,
      priority: 1,
      durationMinutes: 90,
      minChunkMinutes: 45,
    });
    expect(
      fmt(Date.parse(t['Write the report']!.due!) - 1, { year: 'numeric', month: '2-digit', day: '2-digit' }),
    ).toBe(dateIn(7));
    expect(t['Call the bank']!.status).toBe('done');
    expect(t.Slides).toBeUndefined();
    expect(t['Slides: charts']).toBeDefined();
    expect(t.Dentist).toMatchObject({ durationMinutes: 45, status: 'open' });
    const again = await sync();
    expect(again.taskImports).toEqual([expect.objectContaining({ inserted: 0, updated: 0, deleted: 0 })]);
  });

  it('a failure part-way (500s on one list) loses nothing, fails only the import, and the next sync converges', async () => {
    const g = world.google;
    g.addTask(mine, { title: 'Passport' });
    g.patchTask(work, made.sub!.id as string, { title: 'Charts for slides' });
    const before = await imported();
    g.faults.inject({
      match: { method: 'GET', path: `/tasks/v1/lists/${work}/tasks` },
      times: Infinity,
      action: { status: 500 },
    });
    const failed = await sync();
    expect(failed.status).toBe('succeeded');
    expect(failed.calendars.every((c) => c.status === 'succeeded')).toBe(true);
    expect(failed.taskImports).toEqual([
      expect.objectContaining({
        status: 'failed',
        inserted: 0,
        updated: 0,
        deleted: 0,
        error: expect.stringContaining('500'),
      }),
    ]);
    expect(await imported()).toEqual(before);
    expect((await json<{ problems: string[] }>(['status'])).problems).toEqual(
      expect.arrayContaining([expect.stringContaining('last Google Tasks import of ada@example.test failed')]),
    );

    g.faults.clear();
    const ok = await sync();
    expect(ok.taskImports).toEqual([expect.objectContaining({ status: 'succeeded', inserted: 1, updated: 1 })]);
    // The cache now holds exactly what Google has.
    const live = [work, mine].flatMap((l) => g.tasksOf(l)).filter((x) => !x.deleted);
    const local = await imported();
    expect(local.map((x) => x.externalId!.split(':')[1]).sort()).toEqual(live.map((x) => x.id).sort());
    for (const x of live) expect(local.find((l) => l.externalId!.endsWith(`:${x.id}`))!.title).toBe(x.title);
    expect((await json<{ problems: string[] }>(['status'])).problems.filter((p) => /Google Tasks/.test(p))).toEqual([]);
  });

  it('turned off: imported tasks stay as they are and are no longer updated', async () => {
    expect((await world.cli(['config', 'set', 'googleTasks.import', 'false'])).code).toBe(0);
    const before = await imported();
    world.google.patchTask(mine, made.shop!.id as string, { title: 'Groceries and wine' });
    const calls = tasksCalls().length;
    expect((await sync()).taskImports).toEqual([]);
    expect(tasksCalls().length).toBe(calls);
    expect(await imported()).toEqual(before);
  });
});
