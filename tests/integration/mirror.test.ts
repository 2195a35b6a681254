// Busy mirroring end to end with two accounts in the fake Google: a first
// mirror of 300 events is exactly the oracle's set and idempotent; every kind
// of source change is followed after one sync; a lost insert answer leaves one
// event; A↔B stays stable; a hand-edited mirror is left alone; removal cleans up.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CalsyncApp } from '../../src/main/core/app';
import { seededRandom } from '../../src/main/core/demo/sample-google/ids';
import { buildPlanningView } from '../../src/main/core/planning/plan-input';
import { ADA, BOB, expectedMirrors, markerOf, mirrorWorld, mirrorsAt } from '../helpers/mirror-world';
import type { World } from '../helpers/world';

const H = 3_600_000;
const DAY = 24 * H;
let world: World;
let app: CalsyncApp;

const iso = (ms: number) => new Date(ms).toISOString();
const date = (ms: number) => iso(ms).slice(0, 10);
const writesTo = (cal: string) =>
  world.google.requests.filter((q) => q.method !== 'GET' && q.path.includes(`/calendars/${cal}/`));

async function sync(): Promise<void> {
  expect((await app.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
}

/** 300 source events: busy, free, declined, all-day, weekly series, past and beyond the horizon. */
function seed(cal: string, now: number, n = 300): void {
  const rand = seededRandom(17);
  let made = 0;
  for (let i = 0; made < n; i++) {
    const day = Math.floor(rand() * 84) - 3;
    const start = now + day * DAY + 3 * H;
    const kind = i % 10;
    const timed = { start: { dateTime: iso(start) }, end: { dateTime: iso(start + H) } };
    if (kind === 0) world.google.insertEvent(cal, { summary: `free ${i}`, transparency: 'transparent', ...timed });
    else if (kind === 1)
      world.google.insertEvent(cal, {
        summary: `declined ${i}`,
        attendees: [{ email: cal, self: true, responseStatus: 'declined' }],
        ...timed,
      });
    else if (kind === 2)
      world.google.insertEvent(cal, {
        summary: `trip ${i}`,
        start: { date: date(start) },
        end: { date: date(start + 2 * DAY) },
      });
    else if (kind === 3) {
      world.google.insertEvent(cal, {
        summary: `series ${i}`,
        start: { dateTime: iso(start), timeZone: 'UTC' },
        end: { dateTime: iso(start + H), timeZone: 'UTC' },
        recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'],
      });
      made += 3;
    } else world.google.insertEvent(cal, { summary: `meeting ${i}`, ...timed });
    made++;
  }
}

beforeEach(async () => {
  ({ world, app } = await mirrorWorld());
});
afterEach(() => world.close());

describe('busy mirroring', () => {
  it('mirrors exactly the busy events once, follows every kind of change after one sync, survives a lost answer', async () => {
    const now = Date.now();
    seed(ADA, now);
    await sync();
    const rule = app.mirrors.add({
      from: ADA,
      to: BOB,
      showTitle: false,
      visibility: 'private',
      allDay: true,
      bufferBeforeMinutes: 10,
      bufferAfterMinutes: 5,
      horizonDays: 60,
    });
    const opts = { now, horizonDays: 60, allDay: true, beforeMin: 10, afterMin: 5 };
    await sync();
    const want = expectedMirrors(world, ADA, opts);
    expect(want.size).toBeGreaterThan(150);
    expect(mirrorsAt(world, BOB, rule.id)).toEqual(want);
    expect(app.store.mirrors.getRule(rule.id)).toMatchObject({ lastError: null });
    expect(app.store.mirrors.mirroredCount(rule.id)).toBe(want.size);
    expect((await app.api.status({})).mirrors).toEqual([
      expect.objectContaining({
        id: rule.id,
        mirrored: want.size,
        lastError: null,
        lastResult: expect.objectContaining({ inserted: want.size, updated: 0, deleted: 0 }),
      }),
    ]);
    const mirror = world.google.liveEvents(BOB).find((e) => markerOf(e).calsyncMirrorRule === rule.id)!;
    expect(mirror).toMatchObject({ visibility: 'private', transparency: 'opaque', summary: 'Busy' });
    expect(mirror.id).toMatch(/^[a-v0-9]{5,1024}$/);
    // Each instance of a series is its own mirror: no recurrence rule reaches the target.
    const mirrors = world.google.liveEvents(BOB).filter((e) => markerOf(e).calsyncMirrorRule === rule.id);
    expect(mirrors.filter((e) => e.recurrence || e.recurringEventId)).toEqual([]);
    expect([...want.keys()].filter((k) => k.includes('_')).length).toBeGreaterThan(20);

    // Idempotent: a second sync writes nothing.
    const before = writesTo(BOB).length;
    expect(before).toBeGreaterThanOrEqual(want.size);
    await sync();
    expect(writesTo(BOB).length).toBe(before);

    // Every kind of change at the source, then one sync.
    const live = world.google.liveEvents(ADA);
    const timed = live.filter(
      (e) =>
        !e.recurringEventId && e.start?.dateTime && e.transparency !== 'transparent' && !e.attendees && want.has(e.id!),
    );
    const [moved, deleted, freed, declined, leaving] = timed;
    world.google.patchEvent(ADA, moved!.id!, {
      start: { dateTime: iso(Date.parse(moved!.start!.dateTime!) + 2 * H) },
      end: { dateTime: iso(Date.parse(moved!.end!.dateTime!) + 2 * H) },
    });
    world.google.deleteEvent(ADA, deleted!.id!);
    world.google.patchEvent(ADA, freed!.id!, { transparency: 'transparent' });
    world.google.patchEvent(ADA, declined!.id!, {
      attendees: [{ email: ADA, self: true, responseStatus: 'declined' }],
    });
    world.google.patchEvent(ADA, leaving!.id!, {
      start: { dateTime: iso(now + 90 * DAY) },
      end: { dateTime: iso(now + 90 * DAY + H) },
    });
    const instances = live.filter((e) => e.recurringEventId && want.has(e.id!));
    const [inA, inB] = instances;
    world.google.moveInstance(ADA, inA!.recurringEventId!, inA!.originalStartTime!.dateTime!, {
      start: { dateTime: iso(Date.parse(inA!.start!.dateTime!) + H), timeZone: 'UTC' },
      end: { dateTime: iso(Date.parse(inA!.end!.dateTime!) + H), timeZone: 'UTC' },
    });
    world.google.cancelInstance(ADA, inB!.recurringEventId!, inB!.originalStartTime!.dateTime!);
    // The first insert's answer is lost on the way back: the retry meets 409 and takes the event as it is.
    world.google.insertEvent(ADA, {
      summary: 'new',
      start: { dateTime: iso(now + 5 * DAY) },
      end: { dateTime: iso(now + 5 * DAY + H) },
    });
    world.google.faults.inject({ match: { method: 'POST', path: /\/events$/ }, action: { kind: 'lost-response' } });
    await sync();
    const after = expectedMirrors(world, ADA, opts);
    for (const gone of [deleted, freed, declined, leaving, inB]) expect(after.has(gone!.id!)).toBe(false);
    expect(mirrorsAt(world, BOB, rule.id)).toEqual(after);
    const posts = writesTo(BOB)
      .filter((q) => q.method === 'POST')
      .map((q) => q.status);
    expect(posts.slice(-2)).toEqual([200, 409]);
  });

  it('A↔B rules stay stable over 5 syncs; a hand-edited mirror is left alone and reported once; removal cleans up', async () => {
    const now = Date.now();
    for (let i = 0; i < 6; i++) {
      for (const cal of [ADA, BOB])
        world.google.insertEvent(cal, {
          summary: `${cal} ${i}`,
          start: { dateTime: iso(now + (i + 1) * DAY + (cal === ADA ? 0 : 4 * H)) },
          end: { dateTime: iso(now + (i + 1) * DAY + (cal === ADA ? H : 5 * H)) },
        });
    }
    await sync();
    const base = {
      showTitle: true,
      visibility: 'private' as const,
      allDay: false,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      horizonDays: 30,
    };
    const ab = await app.api.addMirrorRule({ ...base, from: ADA, to: BOB });
    const ba = await app.api.addMirrorRule({ ...base, from: BOB, to: ADA });
    await expect(app.api.addMirrorRule({ from: ADA, to: BOB })).rejects.toMatchObject({ code: 'conflict' });
    const counts: number[] = [];
    for (let i = 0; i < 5; i++) {
      await sync();
      counts.push(world.google.liveEvents(ADA).length + world.google.liveEvents(BOB).length);
    }
    expect(new Set(counts)).toEqual(new Set([24]));
    expect(mirrorsAt(world, BOB, ab.id).size).toBe(6);
    expect(mirrorsAt(world, ADA, ba.id).size).toBe(6);
    const writes = writesTo(ADA).length + writesTo(BOB).length;
    expect(writes).toBe(12);
    // Both sources block time: the planner sees the 12 meetings once, not their 12 mirrors again.
    const view = buildPlanningView(app.store, await app.api.getSettings({}), now);
    expect(view.input.busy.map((b) => b.eventId).sort()).toEqual(
      [...world.google.liveEvents(ADA), ...world.google.liveEvents(BOB)]
        .filter((e) => !markerOf(e).calsyncMirrorRule)
        .map((e) => e.id!)
        .sort(),
    );
    await sync();
    expect(writesTo(ADA).length + writesTo(BOB).length).toBe(writes);

    // A hand edit in the target wins: the source's next change does not overwrite it.
    const m = world.google.liveEvents(BOB).find((e) => markerOf(e).calsyncMirrorRule === ab.id)!;
    world.google.patchEvent(BOB, m.id!, { summary: 'Dentist (mine)' });
    await sync();
    const src = markerOf(m).calsyncMirrorSource!;
    world.google.patchEvent(ADA, src, { summary: 'renamed at the source' });
    await sync();
    await sync();
    expect(world.google.getEvent(BOB, m.id!)).toMatchObject({ summary: 'Dentist (mine)', status: 'confirmed' });
    const reports = world.logs
      .join('\n')
      .split('\n')
      .filter((l) => l.includes('changed by hand in the target'));
    expect(reports).toHaveLength(1);

    // Removing keeps what the user made theirs only with --keep-events; otherwise every mirror goes.
    expect(await app.api.removeMirrorRule({ id: ba.id, keepEvents: true })).toEqual({ id: ba.id, deleted: 0, kept: 6 });
    expect(mirrorsAt(world, ADA, ba.id).size).toBe(6);
    // The hand-edited mirror goes too: removing the rule means undoing what it wrote.
    expect(await app.api.removeMirrorRule({ id: ab.id })).toEqual({ id: ab.id, deleted: 6, kept: 0 });
    expect(mirrorsAt(world, BOB, ab.id).size).toBe(0);
    expect(await app.api.listMirrorRules({})).toEqual([]);
    await sync();
    expect(world.google.liveEvents(BOB).filter((e) => markerOf(e).calsyncMirrorRule)).toEqual([]);
  });
});
