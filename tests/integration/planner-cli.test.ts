// DESIGN.md §6 contract of the planner commands: JSON shapes and exit codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../helpers/world';

let world: World;

beforeAll(async () => {
  world = await startWorld();
  const app = world.app();
  await world.login(app, { write: true });
  await app.close();
  expect((await world.cli(['sync'])).code).toBe(0);
  expect((await world.cli(['config', 'set', 'timeZone', 'America/St_Johns'])).code).toBe(0);
});
afterAll(() => world.close());

const json = async (args: string[]) => {
  const r = await world.cli([...args, '--json']);
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout);
};

describe('calsync tasks / plan / proposals / accept / reject', () => {
  it('speaks the documented JSON', async () => {
    const task = await json([
      'tasks',
      'add',
      '--title',
      'Taxes',
      '--duration',
      '90',
      '--priority',
      '1',
      '--min-chunk',
      '45',
      '--max-chunk',
      '90',
    ]);
    expect(task).toMatchObject({
      id: expect.any(String),
      title: 'Taxes',
      durationMinutes: 90,
      priority: 1,
      due: null,
      earliest: null,
      minChunkMinutes: 45,
      maxChunkMinutes: 90,
      status: 'open',
    });
    expect(await json(['tasks'])).toEqual([expect.objectContaining({ id: task.id })]);

    const plan = await json(['plan']);
    expect(Object.keys(plan).sort()).toEqual(['atRisk', 'proposals', 'unscheduled']);
    expect(plan.proposals.length).toBeGreaterThan(0);
    for (const p of plan.proposals)
      expect(p).toMatchObject({
        id: expect.any(String),
        taskId: task.id,
        start: expect.stringMatching(/Z$/),
        end: expect.stringMatching(/Z$/),
        status: 'proposed',
      });
    expect(await json(['proposals'])).toEqual(plan.proposals);

    const accepted = await json(['accept', plan.proposals[0].id]);
    expect(accepted).toEqual([
      expect.objectContaining({ id: plan.proposals[0].id, status: 'accepted', googleEventId: expect.any(String) }),
    ]);
    const all = await json(['accept', '--all']);
    expect(all.every((p: { status: string }) => p.status === 'accepted')).toBe(true);

    const done = await json(['tasks', 'done', task.id]);
    // Marking done changes the status and nothing else (a patch once reset
    // the priority and chunk sizes to their defaults).
    expect(done).toEqual({ ...task, status: 'done', updatedAt: done.updatedAt });
    expect(await json(['tasks'])).toEqual([]);
  });

  it('rejects bad input as usage (exit 2) and unknown ids as failures (exit 1)', async () => {
    expect((await world.cli(['tasks', 'add', '--title', 'x', '--duration', 'soon'])).code).toBe(2);
    expect((await world.cli(['tasks', 'add', '--title', 'x', '--duration', '30', '--priority', '9'])).code).toBe(2);
    const badDue = await world.cli(['tasks', 'add', '--title', 'x', '--duration', '30', '--due', 'friday']);
    expect(badDue.code).toBe(2);
    expect(badDue.stderr).toMatch(/due/);
    expect((await world.cli(['reject', 'nope'])).code).toBe(1);
    expect((await world.cli(['accept'])).code).toBe(2);
  });
});
