// The plan repairs itself, as proposals (issue 18), end to end against the
// fake Google: a meeting added over an accepted habit block becomes a conflict
// with a move inside the habit's window after the next sync (nothing written
// without an accept, or the opt-in); `accept --at` moves a habit's accepted
// block only inside its window; with "accept habit moves automatically" on,
// the move reaches Google after the sync exactly once, even when Google's
// answer is lost; a task marked done drops its proposals and offers its
// accepted future blocks for removal, deleted at Google once when accepted.
// Times are checked with Intl in the settings' zone, so any TZ works.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CalsyncApp } from '../../src/main/core/app';
import type { Proposal } from '../../src/shared/domain';
import { startWorld, type World } from '../helpers/world';

let world: World;
let app: CalsyncApp;
const HOUR = 3_600_000;
const MIN = 60_000;
const ZONE = 'America/St_Johns'; // UTC-3:30 (or -2:30): half-hour offsets catch zone slips
const BUFFER = 10;

function wall(iso: string | number): { day: string; minute: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return { day: `${parts.year}-${parts.month}-${parts.day}`, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}
/** Inside the 11:00–14:00 window of one local day. */
const insideWindow = (p: { start: string; end: string }) => {
  const a = wall(p.start);
  const b = wall(Date.parse(p.end) - MIN);
  return a.day === b.day && a.minute >= 11 * 60 && b.minute < 14 * 60;
};
const clearOf = (p: { start: string; end: string }, busy: { start: number; end: number }) =>
  Date.parse(p.end) + BUFFER * MIN <= busy.start || Date.parse(p.start) >= busy.end + BUFFER * MIN;
const eventsOf = (proposalId: string) =>
  world.google
    .liveEvents(world.user.email)
    .filter((e) => e.extendedProperties?.private?.calsyncProposalId === proposalId);
const requestsTo = (method: string, eventId: string) =>
  world.google.requests.filter((q) => q.method === method && q.path.endsWith(`/events/${eventId}`));

beforeEach(async () => {
  world = await startWorld();
  app = world.app();
  await app.api.updateSettings({ timeZone: ZONE, bufferMinutes: BUFFER, leadTimeMinutes: 30, horizonDays: 7 });
  await world.login(app, { write: true });
  expect((await app.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
});
afterEach(() => world.close());

/** A daily lunch habit, planned, and its second block accepted; a 1-h meeting then lands at that block's start. */
async function lunchWithMeeting(): Promise<{ block: Proposal; meeting: { start: number; end: number } }> {
  const h = await app.api.addHabit({
    title: 'Lunch',
    durationMinutes: 60,
    window: { start: '11:00', end: '14:00' },
  });
  const blocks = (await app.api.plan({})).proposals.filter((p) => p.habitId === h.id);
  const [block] = await app.api.acceptProposals({ ids: [blocks[1]!.id] });
  const meeting = { start: Date.parse(block!.start), end: Date.parse(block!.start) + HOUR };
  world.google.insertEvent(world.user.email, {
    summary: 'Client call',
    start: { dateTime: new Date(meeting.start).toISOString() },
    end: { dateTime: new Date(meeting.end).toISOString() },
  });
  return { block: block!, meeting };
}

describe('a meeting over an accepted habit block', () => {
  it('becomes a conflict with a move inside the window after the next sync; nothing is written until accepted', async () => {
    const { block, meeting } = await lunchWithMeeting();
    await app.sync.request({ trigger: 'cli' });
    const conflict = (await app.api.listProposals({ status: 'conflict' })).find((p) => p.id === block.id)!;
    expect(conflict.moveTo).not.toBeNull();
    expect(insideWindow(conflict.moveTo!)).toBe(true);
    expect(wall(conflict.moveTo!.start).day).toBe(wall(block.start).day);
    expect(clearOf(conflict.moveTo!, meeting)).toBe(true);
    // Oracle for "nearest": the meeting (11:00–12:00 local or later) plus buffer leaves the window's next quarter hour.
    expect(Date.parse(conflict.moveTo!.start)).toBe(
      Math.ceil((meeting.end + BUFFER * MIN - Date.parse(block.start)) / (15 * MIN)) * 15 * MIN +
        Date.parse(block.start),
    );
    // Off by default: Google was not touched.
    expect(requestsTo('PATCH', block.googleEventId!)).toHaveLength(0);

    // `accept --at` outside the window is refused with the reason; inside it the event moves.
    const outside = new Date(Date.parse(block.start) + 4 * HOUR).toISOString();
    await expect(
      app.api.acceptProposalAt({
        id: block.id,
        start: outside,
        end: new Date(Date.parse(outside) + HOUR).toISOString(),
      }),
    ).rejects.toMatchObject({ code: 'conflict', details: { reason: 'outside-window' } });
    expect(requestsTo('PATCH', block.googleEventId!)).toHaveLength(0);
    const moved = await app.api.acceptProposalAt({ id: block.id, ...conflict.moveTo! });
    expect(moved).toMatchObject({ id: block.id, status: 'accepted', ...conflict.moveTo! });
    expect(eventsOf(block.id)).toHaveLength(1);
    expect(Date.parse(eventsOf(block.id)[0]!.start!.dateTime!)).toBe(Date.parse(conflict.moveTo!.start));
    // The next sync brings the moved event: no conflict, no further write.
    await app.sync.request({ trigger: 'cli' });
    expect((await app.api.listProposals({ status: 'all' })).find((p) => p.id === block.id)).toMatchObject({
      status: 'accepted',
      start: conflict.moveTo!.start,
    });
    expect(requestsTo('PATCH', block.googleEventId!)).toHaveLength(1);
  });

  it('with "accept habit moves automatically" on, moves at Google after the sync exactly once, even with a lost answer', async () => {
    await app.api.updateSettings({ autoAcceptHabitMoves: true });
    const { block, meeting } = await lunchWithMeeting();
    // Google applies the move but its answer never arrives: the client times out and asks again.
    world.google.faults.inject({
      match: { method: 'PATCH', path: new RegExp(`/events/${block.googleEventId}$`) },
      action: { kind: 'lost-response' },
    });
    expect((await app.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
    const after = (await app.api.listProposals({ status: 'all' })).find((p) => p.id === block.id)!;
    expect(after.status).toBe('accepted');
    expect(insideWindow(after)).toBe(true);
    expect(wall(after.start).day).toBe(wall(block.start).day);
    expect(clearOf(after, meeting)).toBe(true);
    const live = eventsOf(block.id);
    expect(live).toHaveLength(1);
    expect(Date.parse(live[0]!.start!.dateTime!)).toBe(Date.parse(after.start));
    // The fault fired: the first PATCH landed unanswered, the retry sent the same times again (idempotent).
    const patches = requestsTo('PATCH', block.googleEventId!).length;
    expect(patches).toBe(2);
    // Later syncs find nothing to move: no further write at Google.
    await app.sync.request({ trigger: 'cli' });
    await app.sync.request({ trigger: 'cli' });
    expect(requestsTo('PATCH', block.googleEventId!)).toHaveLength(patches);
    expect(eventsOf(block.id)).toHaveLength(1);
    expect(world.google.liveEvents(world.user.email).filter((e) => e.summary === 'Lunch')).toHaveLength(1);
  });
});

describe('a meeting over an accepted task block', () => {
  it('becomes a conflict whose move `accept <id>` writes to Google', async () => {
    await app.api.updateSettings({ autoAcceptHabitMoves: true }); // habits only: a task's block still waits
    const t = await app.api.addTask({
      title: 'Deep work',
      durationMinutes: 60,
      priority: 1,
      minChunkMinutes: 60,
      maxChunkMinutes: 60,
    });
    const [first] = (await app.api.plan({})).proposals.filter((p) => p.taskId === t.id);
    const [block] = await app.api.acceptProposals({ ids: [first!.id] });
    const meeting = { start: Date.parse(block!.start) + 15 * MIN, end: Date.parse(block!.start) + 75 * MIN };
    world.google.insertEvent(world.user.email, {
      summary: 'All hands',
      start: { dateTime: new Date(meeting.start).toISOString() },
      end: { dateTime: new Date(meeting.end).toISOString() },
    });
    await app.sync.request({ trigger: 'cli' });
    const conflict = (await app.api.listProposals({ status: 'conflict' })).find((p) => p.id === block!.id)!;
    expect(conflict.moveTo).not.toBeNull();
    expect(clearOf(conflict.moveTo!, meeting)).toBe(true);
    expect(requestsTo('PATCH', block!.googleEventId!)).toHaveLength(0); // a task's move always waits for the accept
    const [moved] = await app.api.acceptProposals({ ids: [block!.id] });
    expect(moved).toMatchObject({ id: block!.id, status: 'accepted', ...conflict.moveTo! });
    expect(Date.parse(eventsOf(block!.id)[0]!.start!.dateTime!)).toBe(Date.parse(conflict.moveTo!.start));
    expect(requestsTo('PATCH', block!.googleEventId!)).toHaveLength(1);
  });
});

describe('a task marked done releases its future blocks', () => {
  it('drops its proposals and offers its accepted blocks for removal; accepting deletes at Google once', async () => {
    const t = await app.api.addTask({
      title: 'Write report',
      durationMinutes: 180,
      priority: 2,
      minChunkMinutes: 60,
      maxChunkMinutes: 60,
    });
    const planned = (await app.api.plan({})).proposals.filter((p) => p.taskId === t.id);
    expect(planned.length).toBe(3);
    const [kept] = await app.api.acceptProposals({ ids: [planned[0]!.id] });
    await app.api.updateTask({ id: t.id, patch: { status: 'done' } });

    const mine = (await app.api.listProposals({ status: 'all' })).filter((p) => p.taskId === t.id);
    // Oracle: the two proposed blocks are gone; the accepted one is still there, offered for removal.
    expect(mine.map((p) => [p.id, p.status, p.offer])).toEqual([[kept!.id, 'accepted', 'remove']]);
    expect(eventsOf(kept!.id)).toHaveLength(1); // nothing deleted without the accept
    expect(world.google.requests.filter((q) => q.method === 'DELETE')).toHaveLength(0);
    // A sync and re-plan do not delete it either.
    await app.sync.request({ trigger: 'cli' });
    await app.api.plan({});
    expect(eventsOf(kept!.id)).toHaveLength(1);

    // Accepting the offer deletes the event, even when Google's answer is lost.
    world.google.faults.inject({ match: { method: 'DELETE' }, action: { kind: 'lost-response' } });
    const [removed] = await app.api.acceptProposals({ ids: [kept!.id] });
    expect(removed).toMatchObject({ id: kept!.id, status: 'rejected' });
    expect(eventsOf(kept!.id)).toHaveLength(0);
    expect(app.store.events.list().some((e) => e.id === kept!.googleEventId)).toBe(false);
    const deletes = requestsTo('DELETE', kept!.googleEventId!).map((q) => q.status);
    // Deleted once, answer lost; the retry (guarded by the old etag) is refused, and a read finds it gone.
    expect(deletes).toEqual([204, 412]);
    expect(requestsTo('GET', kept!.googleEventId!).map((q) => q.status)).toEqual([200]);
    // Accepting again, or syncing, writes nothing more.
    await app.api.acceptProposals({ ids: [kept!.id] }).catch(() => undefined);
    await app.sync.request({ trigger: 'cli' });
    expect(requestsTo('DELETE', kept!.googleEventId!)).toHaveLength(deletes.length);
    expect((await app.api.listProposals({ status: 'all' })).filter((p) => p.offer === 'remove')).toEqual([]);
  });
});
