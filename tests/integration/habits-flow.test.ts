// Habits end to end (issue 18, first slice): the API ops validate and store,
// `plan` places one block per day inside the habit's window around meetings,
// an accepted habit block is written to Google with calsync's markers, and a
// meeting added over it becomes a conflict whose move stays in the window.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CalsyncApp } from '../../src/main/core/app';
import type { Habit } from '../../src/shared/domain';
import { startWorld, type World } from '../helpers/world';

let world: World;
let app: CalsyncApp;
const HOUR = 3_600_000;
const MIN = 60_000;

/** Local wall clock in Berlin: day number and minute of the day. */
function berlin(iso: string): { day: string; minute: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Berlin',
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
const insideWindow = (p: { start: string; end: string }) => {
  const a = berlin(p.start);
  const b = berlin(new Date(Date.parse(p.end) - MIN).toISOString());
  return a.day === b.day && a.minute >= 11 * 60 && b.minute < 14 * 60;
};

beforeEach(async () => {
  world = await startWorld();
  app = world.app();
  await app.api.updateSettings({ timeZone: 'Europe/Berlin', bufferMinutes: 10, leadTimeMinutes: 30, horizonDays: 7 });
  await world.login(app, { write: true });
  expect((await app.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
});
afterEach(() => world.close());

describe('habits through the API', () => {
  it('adds, lists, edits (checked as a whole) and removes habits', async () => {
    const h = await app.api.addHabit({ title: 'Lunch', durationMinutes: 60, window: { start: '11:00', end: '14:00' } });
    expect(h).toMatchObject({
      title: 'Lunch',
      minDurationMinutes: null,
      frequency: { kind: 'daily' },
      priority: 3,
      droppable: false,
      enabled: true,
    });
    expect(await app.api.listHabits({})).toEqual([h]);
    const edited = await app.api.updateHabit({ id: h.id, patch: { frequency: { kind: 'timesPerWeek', times: 3 } } });
    expect(edited).toEqual({ ...h, frequency: { kind: 'timesPerWeek', times: 3 } } satisfies Habit);
    // 3 h does not fit a 2-h window: refused, nothing changed.
    await expect(app.api.updateHabit({ id: h.id, patch: { durationMinutes: 240 } })).rejects.toMatchObject({
      code: 'bad-input',
    });
    await expect(
      app.api.addHabit({ title: 'x', durationMinutes: 30, window: { start: '14:00', end: '13:00' } }),
    ).rejects.toMatchObject({ code: 'bad-input' });
    expect(await app.api.listHabits({})).toEqual([edited]);
    await app.api.deleteHabit({ id: h.id });
    expect(await app.api.listHabits({})).toEqual([]);
    await expect(app.api.deleteHabit({ id: h.id })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('plans a block a day in the window; accepting writes it; a meeting over it becomes a conflict moved within the window', async () => {
    const h = await app.api.addHabit({
      title: 'Lunch',
      durationMinutes: 60,
      minDurationMinutes: 30,
      window: { start: '11:00', end: '14:00' },
    });
    const r = await app.api.plan({});
    const blocks = r.proposals.filter((p) => p.taskId === h.id);
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    for (const b of blocks) expect(insideWindow(b), `${b.start}–${b.end}`).toBe(true);
    expect(new Set(blocks.map((b) => berlin(b.start).day)).size).toBe(blocks.length);
    expect(blocks.every((b) => b.habitId === h.id)).toBe(true);
    expect(r.habitMisses).toEqual([]);

    const target = blocks[1]!;
    const [accepted] = await app.api.acceptProposals({ ids: [target.id] });
    expect(accepted).toMatchObject({ id: target.id, status: 'accepted', habitId: h.id });
    const written = world.google
      .liveEvents(world.user.email)
      .filter((e) => e.extendedProperties?.private?.calsyncProposalId === target.id);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({
      summary: 'Lunch',
      extendedProperties: { private: { calsyncTaskId: h.id } },
    });

    // A meeting lands on the accepted block; the next sync re-plans.
    world.google.insertEvent(world.user.email, {
      summary: 'Client call',
      start: { dateTime: target.start },
      end: { dateTime: new Date(Date.parse(target.start) + HOUR).toISOString() },
    });
    await app.sync.request({ trigger: 'cli' });
    const conflict = (await app.api.listProposals({ status: 'conflict' })).find((p) => p.id === target.id)!;
    expect(conflict.moveTo).not.toBeNull();
    expect(insideWindow(conflict.moveTo!)).toBe(true);
    expect(berlin(conflict.moveTo!.start).day).toBe(berlin(target.start).day);
    const moved = await app.api.acceptMove({ id: conflict.id });
    expect(moved).toMatchObject({ status: 'accepted', start: conflict.moveTo!.start });

    // Disabled: its open blocks go, the accepted one stays.
    await app.api.updateHabit({ id: h.id, patch: { enabled: false } });
    const left = (await app.api.listProposals({ status: 'all' })).filter((p) => p.taskId === h.id);
    expect(left.map((p) => p.status)).toEqual(['accepted']);
  });
});
