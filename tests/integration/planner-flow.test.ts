// The planner end to end: tasks → proposals in free time → accepted into
// Google exactly once (even when the insert's answer is lost) → cache; re-plans
// move only what a new meeting touches; conflicts get a move; consent asked late.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CalsyncApp } from '../../src/main/core/app';
import type { Proposal } from '../../src/shared/domain';
import { startWorld, type World } from '../helpers/world';

let world: World;
let app: CalsyncApp;
const HOUR = 3_600_000;

/** 10:00 Berlin on the n-th working day from now (skipping weekends). */
function workingDayAt(n: number, hour: number): Date {
  const d = new Date();
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const day = d.getUTCDay();
    if (day !== 0 && day !== 6) left--;
  }
  const ymd = d.toISOString().slice(0, 10);
  // Noon UTC on that date is always the same Berlin date; read Berlin's offset there.
  const probe = new Date(`${ymd}T12:00:00Z`);
  const berlinHour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', hourCycle: 'h23' }).format(probe),
  );
  return new Date(probe.getTime() + (hour - berlinHour) * HOUR);
}

const overlaps = (p: Proposal, start: Date, end: Date) =>
  Date.parse(p.start) < end.getTime() && Date.parse(p.end) > start.getTime();
const markerEvents = (proposalId: string) =>
  world.google
    .liveEvents(world.user.email)
    .filter((e) => e.extendedProperties?.private?.calsyncProposalId === proposalId);

beforeEach(async () => {
  world = await startWorld();
  app = world.app();
  await app.api.updateSettings({ timeZone: 'Europe/Berlin', bufferMinutes: 10, leadTimeMinutes: 30, horizonDays: 14 });
  await world.login(app, { write: true });
  const m1 = workingDayAt(1, 10);
  world.google.insertEvent(world.user.email, {
    summary: 'Standup',
    start: { dateTime: m1.toISOString() },
    end: { dateTime: new Date(m1.getTime() + HOUR).toISOString() },
  });
  expect((await app.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
});
afterEach(() => world.close());

describe('planner flow', () => {
  it('proposes around meetings, accepts exactly once (twice, and with a lost answer), rejects and re-offers', async () => {
    const due = workingDayAt(6, 17).toISOString();
    const a = await app.api.addTask({
      title: 'Write report <b>draft</b>',
      durationMinutes: 120,
      priority: 1,
      due,
      minChunkMinutes: 60,
      maxChunkMinutes: 120,
    });
    await app.api.addTask({
      title: 'Review PRs',
      durationMinutes: 60,
      priority: 2,
      minChunkMinutes: 30,
      maxChunkMinutes: 60,
    });
    const r = await app.api.plan({});
    expect(r.unscheduled).toEqual([]);
    const standup = { start: workingDayAt(1, 10), end: new Date(workingDayAt(1, 10).getTime() + HOUR) };
    for (const p of r.proposals) expect(overlaps(p, standup.start, standup.end)).toBe(false);
    const first = r.proposals.find((p) => p.taskId === a.id)!;

    const [accepted] = await app.api.acceptProposals({ ids: [first.id] });
    expect(accepted).toMatchObject({
      id: first.id,
      status: 'accepted',
      calendarId: world.user.email,
      googleEventId: expect.stringMatching(/^[a-v0-9]{5,1024}$/),
    });
    expect(markerEvents(first.id)).toHaveLength(1);
    expect(markerEvents(first.id)[0]).toMatchObject({
      id: accepted!.googleEventId,
      summary: 'Write report <b>draft</b>',
    });
    const cached = app.store.events.list().find((e) => e.id === accepted!.googleEventId);
    expect(cached).toMatchObject({
      calsync: { taskId: a.id, proposalId: first.id },
      start: first.start,
      end: first.end,
    });

    // Accepting again changes nothing.
    await app.api.acceptProposals({ ids: [first.id] });
    expect(markerEvents(first.id)).toHaveLength(1);

    // The insert lands at Google but its answer is lost: the retry finds it (409) and takes it.
    const second = (await app.api.listProposals({ status: 'proposed' }))[0]!;
    world.google.faults.inject({ match: { method: 'POST', path: /\/events$/ }, action: { kind: 'lost-response' } });
    const [again] = await app.api.acceptProposals({ ids: [second.id] });
    expect(again).toMatchObject({ status: 'accepted' });
    expect(markerEvents(second.id)).toHaveLength(1);
    expect(
      world.google.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/events')).map((q) => q.status),
    ).toEqual([200, 200, 409]);

    // A sync afterwards brings nothing new and keeps one copy each.
    await app.sync.request({ trigger: 'cli' });
    expect(app.store.events.list().filter((e) => e.calsync?.proposalId === second.id)).toHaveLength(1);

    // Reject: the slot is not offered to that task again.
    const open = (await app.api.listProposals({ status: 'proposed' }))[0];
    if (open) {
      const rejected = await app.api.rejectProposal({ id: open.id });
      expect(rejected.status).toBe('rejected');
      const next = await app.api.listProposals({ status: 'proposed' });
      expect(next.some((p) => p.taskId === open.taskId && p.start === open.start)).toBe(false);
    }
  });

  it('re-plans after an unrelated new meeting by moving only the proposals it touches', async () => {
    for (let i = 0; i < 4; i++)
      await app.api.addTask({
        title: `task ${i}`,
        durationMinutes: 90,
        priority: ((i % 4) + 1) as 1 | 2 | 3 | 4,
        minChunkMinutes: 90,
        maxChunkMinutes: 90,
      });
    const before = (await app.api.plan({})).proposals;
    expect(before.length).toBe(4);
    const victim = before[2]!;
    world.google.insertEvent(world.user.email, {
      summary: 'New meeting',
      start: { dateTime: victim.start },
      end: { dateTime: new Date(Date.parse(victim.start) + 30 * 60_000).toISOString() },
    });
    await app.sync.request({ trigger: 'cli' }); // re-plans because busy time changed
    const after = await app.api.listProposals({ status: 'proposed' });
    const moved = before.filter((b) => !after.some((a) => a.id === b.id && a.start === b.start && a.end === b.end));
    expect(moved.map((m) => m.id)).toEqual([victim.id]);
    expect(after.find((a) => a.taskId === victim.taskId)!.start).not.toBe(victim.start);
  });

  it('an accepted block that a new meeting overlaps becomes a conflict with a move; accepting the move patches Google', async () => {
    await app.api.addTask({
      title: 'Deep work',
      durationMinutes: 60,
      priority: 1,
      minChunkMinutes: 60,
      maxChunkMinutes: 60,
    });
    const [p] = (await app.api.plan({})).proposals;
    const [acc] = await app.api.acceptProposals({ ids: [p!.id] });
    world.google.insertEvent(world.user.email, {
      summary: 'Customer call',
      start: { dateTime: acc!.start },
      end: { dateTime: acc!.end },
    });
    await app.sync.request({ trigger: 'cli' });
    const conflict = (await app.api.listProposals({ status: 'conflict' }))[0]!;
    expect(conflict).toMatchObject({ id: p!.id, moveTo: { start: expect.any(String), end: expect.any(String) } });
    const moved = await app.api.acceptMove({ id: conflict.id });
    expect(moved).toMatchObject({ status: 'accepted', start: conflict.moveTo!.start, end: conflict.moveTo!.end });
    const ev = world.google.getEvent(world.user.email, acc!.googleEventId!)!;
    expect(new Date(ev.start!.dateTime!).toISOString()).toBe(conflict.moveTo!.start);
  });

  it('a block deleted in the calendar is declined, and the task gets a new proposal', async () => {
    const t = await app.api.addTask({
      title: 'Plan Q1',
      durationMinutes: 60,
      priority: 2,
      minChunkMinutes: 60,
      maxChunkMinutes: 60,
    });
    const [p] = (await app.api.plan({})).proposals;
    const [acc] = await app.api.acceptProposals({ ids: [p!.id] });
    world.google.deleteEvent(world.user.email, acc!.googleEventId!);
    await app.sync.request({ trigger: 'cli' });
    expect((await app.api.listProposals({ status: 'rejected' })).map((x) => x.id)).toEqual([p!.id]);
    const fresh = await app.api.listProposals({ status: 'proposed' });
    expect(fresh.some((x) => x.taskId === t.id && x.start !== p!.start)).toBe(true);
  });

  it('asks for write consent only when a block is first accepted, with a clear message', async () => {
    await world.close();
    world = await startWorld();
    app = world.app();
    await world.login(app); // read-only
    await app.sync.request({ trigger: 'cli' });
    await app.api.addTask({ title: 'x', durationMinutes: 30, priority: 3 });
    const [p] = (await app.api.plan({})).proposals;
    await expect(app.api.acceptProposals({ ids: [p!.id] })).rejects.toMatchObject({
      code: 'needs-consent',
      message: expect.stringMatching(/calsync login --write/),
    });
    await world.login(app, { write: true });
    expect((await app.api.acceptProposals({ ids: [p!.id] }))[0]!.status).toBe('accepted');
  });
});

describe('accepted blocks reach Supabase through the outbox', () => {
  it('the created event is queued with the accept and lands as scheduling_source = task', async () => {
    const { startShim, newWorkspace, connectApp } = await import('../helpers/workspace');
    const { shimBackends } = await import('../fakes/supabase');
    const shim = await startShim(shimBackends()[0]!);
    try {
      const ws = await newWorkspace(shim);
      await connectApp(app, ws);
      await app.api.push({});
      const t = await app.api.addTask({
        title: 'Budget',
        durationMinutes: 60,
        priority: 1,
        minChunkMinutes: 60,
        maxChunkMinutes: 60,
      });
      const [p] = (await app.api.plan({})).proposals;
      const [acc] = await app.api.acceptProposals({ ids: [p!.id] });
      expect(app.store.outbox.count()).toBeGreaterThanOrEqual(1);
      await app.api.push({});
      const rows = await shim.query<{ scheduling_source: string; task_id: string; title: string }>(
        'select scheduling_source, task_id, title from public.workspace_calendar_events where ws_id = $1 and external_event_id = $2 and deleted_at is null',
        [ws.wsId, acc!.googleEventId],
      );
      expect(rows).toEqual([{ scheduling_source: 'task', task_id: t.id, title: 'Budget' }]);
    } finally {
      await shim.close();
    }
  });
});
