// Found by the chaos run: `calsync accept` SIGKILLed after Google created the
// block's event but before the accept was recorded. The next sync brings the
// event (with calsync's marker) into the cache and re-plans; the block must
// then be accepted — not dropped or moved by the re-plan, which left an event
// on Google that no block owned and offered the task's time a second time.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CalsyncApp } from '../../src/main/core/app';
import type { Proposal } from '../../src/shared/domain';
import { startWorld, type World } from '../helpers/world';

let world: World;
let app: CalsyncApp;
const EVERY_DAY = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['08:00', '20:00']] as Array<[string, string]>]),
);

beforeEach(async () => {
  world = await startWorld();
  app = world.app();
  await app.api.updateSettings({
    timeZone: 'Europe/Berlin',
    workingHours: EVERY_DAY,
    bufferMinutes: 0,
    leadTimeMinutes: 60,
  });
  await world.login(app, { write: true });
  expect((await app.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
});
afterEach(() => world.close());

const markerEvents = () =>
  world.google.liveEvents(world.user.email).filter((e) => e.extendedProperties?.private?.calsyncProposalId);

/** `calsync accept <id>` whose insert lands at Google while its answer is lost; killed while it waits. */
async function acceptKilledAfterInsertLanded(p: Proposal): Promise<void> {
  world.google.faults.inject({ match: { method: 'POST', path: /\/events$/ }, action: { kind: 'lost-response' } });
  const inserts = () => world.google.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/events')).length;
  const before = inserts();
  const res = await world.cli(['accept', p.id, '--json'], {
    onSpawn: (kill) => {
      const timer = setInterval(() => {
        if (inserts() > before) {
          clearInterval(timer);
          setTimeout(kill, 100);
        }
      }, 5);
    },
  });
  expect(res.signal).toBe('SIGKILL');
  expect(markerEvents()).toHaveLength(1); // it landed
}

describe('an accept killed after its event landed at Google', () => {
  it('is accepted by the next sync (re-plan), and accepting again or re-planning adds no second event', async () => {
    const task = await app.api.addTask({
      title: 'Deep work',
      durationMinutes: 60,
      priority: 1,
      minChunkMinutes: 60,
      maxChunkMinutes: 60,
    });
    const [p] = (await app.api.plan({})).proposals;
    await acceptKilledAfterInsertLanded(p!);
    expect(app.store.proposals.get(p!.id)?.status).toBe('proposed'); // the kill came before it was recorded

    const sync = await world.cli(['sync', '--json']);
    expect(sync.code, sync.stderr).toBe(0);
    const after = app.store.proposals.get(p!.id);
    expect(after).toMatchObject({
      status: 'accepted',
      googleEventId: markerEvents()[0]!.id,
      start: p!.start,
      end: p!.end,
    });
    // The task is fully placed: nothing more is proposed for it.
    const plan = await app.api.plan({});
    expect(plan.proposals.filter((x) => x.taskId === task.id && x.status === 'proposed')).toEqual([]);
    await app.api.acceptProposals({ all: true });
    expect(markerEvents()).toHaveLength(1);
  });

  it('a block that a re-plan dropped before the event was synced comes back as accepted', async () => {
    await app.api.addTask({
      title: 'Report',
      durationMinutes: 60,
      priority: 2,
      minChunkMinutes: 60,
      maxChunkMinutes: 60,
    });
    const [p] = (await app.api.plan({})).proposals;
    await acceptKilledAfterInsertLanded(p!);
    // Whatever made the planner drop it (a re-plan elsewhere, an edit): the row is gone before the event is seen.
    app.store.db.prepare('DELETE FROM proposals WHERE id = ?').run(p!.id);
    expect((await world.cli(['sync'])).code).toBe(0);
    expect(app.store.proposals.get(p!.id)).toMatchObject({
      status: 'accepted',
      googleEventId: markerEvents()[0]!.id,
      start: p!.start,
      end: p!.end,
    });
    expect((await app.api.plan({})).proposals.filter((x) => x.status === 'proposed')).toEqual([]);
  });
});
