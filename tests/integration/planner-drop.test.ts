// A proposed block placed by the user (the week view's drag, `accept --at`):
// refused over a meeting with that meeting named, accepted at exactly the
// chosen time otherwise — one Google event, at that time — and undone by
// deleting that event; accepting the same drop again revives the same event
// (deterministic id) instead of adding a second one. Undo of a reject too.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CalsyncApp } from '../../src/main/core/app';
import type { AppErrorData } from '../../src/shared/errors';
import { startWorld, type World } from '../helpers/world';

let world: World;
let app: CalsyncApp;
const HOUR = 3_600_000;

/** `hour`:00 Berlin on the n-th working day from now (skipping weekends). */
function workingDayAt(n: number, hour: number): number {
  const d = new Date();
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const day = d.getUTCDay();
    if (day !== 0 && day !== 6) left--;
  }
  const probe = new Date(`${d.toISOString().slice(0, 10)}T12:00:00Z`);
  const berlinHour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', hourCycle: 'h23' }).format(probe),
  );
  return probe.getTime() + (hour - berlinHour) * HOUR;
}
const iso = (t: number) => new Date(t).toISOString();
const markerEvents = () =>
  world.google.liveEvents(world.user.email).filter((e) => e.extendedProperties?.private?.calsyncProposalId);
async function refusal(p: Promise<unknown>): Promise<AppErrorData> {
  try {
    await p;
  } catch (e) {
    return e as AppErrorData;
  }
  throw new Error('expected a refusal');
}

beforeEach(async () => {
  world = await startWorld();
  app = world.app();
  await app.api.updateSettings({ timeZone: 'Europe/Berlin', bufferMinutes: 10, leadTimeMinutes: 30, horizonDays: 14 });
  await world.login(app, { write: true });
  const m = workingDayAt(2, 10);
  world.google.insertEvent(world.user.email, {
    summary: 'Design review',
    start: { dateTime: iso(m) },
    end: { dateTime: iso(m + HOUR) },
  });
  expect((await app.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
});
afterEach(() => world.close());

describe('placing a proposed block by hand', () => {
  it('refuses a drop over a meeting with its name, accepts a legal one at exactly that time, undoes and redoes without a duplicate', async () => {
    const task = await app.api.addTask({
      title: 'Budget',
      durationMinutes: 60,
      minChunkMinutes: 60,
      maxChunkMinutes: 60,
    });
    const [p] = (await app.api.plan({})).proposals.filter((x) => x.taskId === task.id);
    expect(p).toBeDefined();

    const meeting = workingDayAt(2, 10);
    const refused = await refusal(
      app.api.acceptProposalAt({ id: p!.id, start: iso(meeting + HOUR / 2), end: iso(meeting + 1.5 * HOUR) }),
    );
    expect(refused.code).toBe('conflict');
    expect(refused.details).toEqual({ reason: 'busy', eventTitle: 'Design review' });
    expect(refused.message).toMatch(/overlaps “Design review”/);
    expect(markerEvents()).toHaveLength(0);
    expect((await app.api.listProposals({ status: 'all' })).find((x) => x.id === p!.id)?.status).toBe('proposed');

    // In the buffer after the meeting: refused too, for that reason.
    const inBuffer = await refusal(
      app.api.acceptProposalAt({ id: p!.id, start: iso(meeting + HOUR), end: iso(meeting + 2 * HOUR) }),
    );
    expect(inBuffer.details).toMatchObject({ reason: 'buffer' });

    // 14:00–15:00 that day: legal, accepted exactly there.
    const start = workingDayAt(2, 14);
    const accepted = await app.api.acceptProposalAt({ id: p!.id, start: iso(start), end: iso(start + HOUR) });
    expect(accepted).toMatchObject({ taskId: task.id, status: 'accepted', start: iso(start), end: iso(start + HOUR) });
    const events = markerEvents();
    expect(events).toHaveLength(1);
    expect(events[0]!.id).toBe(accepted.googleEventId);
    expect(Date.parse(events[0]!.start!.dateTime!)).toBe(start);
    expect(Date.parse(events[0]!.end!.dateTime!)).toBe(start + HOUR);
    expect(app.store.events.list().filter((e) => e.id === accepted.googleEventId)).toHaveLength(1);
    // The task is fully placed: no other block of it is proposed any more.
    const after = await app.api.listProposals({ status: 'proposed' });
    expect(after.filter((x) => x.taskId === task.id)).toEqual([]);

    // Undo: the event is deleted at Google and leaves the cache; the block is proposed where the planner had it.
    const undone = await app.api.undoDecision({ id: accepted.id });
    expect(undone).toMatchObject({ id: p!.id, status: 'proposed', start: p!.start, end: p!.end });
    expect(markerEvents()).toHaveLength(0);
    expect(world.google.getEvent(world.user.email, accepted.googleEventId!)?.status).toBe('cancelled');
    expect(app.store.events.list().filter((e) => e.id === accepted.googleEventId)).toHaveLength(0);

    // The same drop again: the same event comes back, not a second one.
    const again = await app.api.acceptProposalAt({ id: p!.id, start: iso(start), end: iso(start + HOUR) });
    expect(again.googleEventId).toBe(accepted.googleEventId);
    expect(markerEvents()).toHaveLength(1);
    expect(Date.parse(markerEvents()[0]!.start!.dateTime!)).toBe(start);
  });

  it('resizes within the chunk bounds, refuses below the min chunk, and undoes a reject', async () => {
    const task = await app.api.addTask({
      title: 'Essay',
      durationMinutes: 120,
      minChunkMinutes: 60,
      maxChunkMinutes: 120,
    });
    const [p] = (await app.api.plan({})).proposals.filter((x) => x.taskId === task.id);
    const start = workingDayAt(3, 9);
    const short = await refusal(app.api.acceptProposalAt({ id: p!.id, start: iso(start), end: iso(start + HOUR / 2) }));
    expect(short.details).toEqual({ reason: 'min-chunk' });
    const resized = await app.api.acceptProposalAt({ id: p!.id, start: iso(start), end: iso(start + 1.5 * HOUR) });
    expect(resized).toMatchObject({ status: 'accepted', start: iso(start), end: iso(start + 1.5 * HOUR) });
    // The remaining 30 min is below the 60-min chunk, so it is one 30-min block (min chunk capped at what is left).
    const rest = (await app.api.listProposals({ status: 'proposed' })).filter((x) => x.taskId === task.id);
    expect(rest.map((x) => Date.parse(x.end) - Date.parse(x.start))).toEqual([HOUR / 2]);

    const rejected = await app.api.rejectProposal({ id: rest[0]!.id });
    expect(rejected.status).toBe('rejected');
    const back = await app.api.undoDecision({ id: rest[0]!.id });
    expect(back).toMatchObject({ id: rest[0]!.id, status: 'proposed' });
    await expect(app.api.undoDecision({ id: rest[0]!.id })).rejects.toMatchObject({ code: 'conflict' });
  });
});
