// Writes over events calsync wrote before carry If-Match, so a change made in
// Google Calendar since calsync last saw the event is never overwritten or
// deleted unseen — even while the cache has not synced it yet (the target
// calendar of a mirror not synced here; an accepted block changed between two
// syncs). A lost answer still counts as written, and a change Google makes
// that is not content (colour, reminders) does not stop the write.
import { afterEach, describe, expect, it } from 'vitest';
import type { CalsyncApp } from '../../src/main/core/app';
import { ADA, BOB, markerOf, mirrorWorld, mirrorsAt } from '../helpers/mirror-world';
import { startWorld, type World } from '../helpers/world';

const H = 3_600_000;
const DAY = 24 * H;
let world: World;
let app: CalsyncApp;
afterEach(() => world.close());

const iso = (ms: number) => new Date(ms).toISOString();
const requestsTo = (method: string, eventId: string) =>
  world.google.requests.filter((q) => q.method === method && q.path.endsWith(`/events/${eventId}`));
const writesTo = (cal: string) =>
  world.google.requests.filter((q) => q.method !== 'GET' && q.path.includes(`/calendars/${cal}/`));
const handEditReports = () =>
  world.logs
    .join('\n')
    .split('\n')
    .filter((l) => /(changed|deleted) by hand in the target/.test(l));

async function sync(): Promise<void> {
  expect((await app.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
}

describe('busy mirrors into a calendar this device does not sync', () => {
  /** Four meetings at ADA mirrored into BOB, whose calendar is not cached: only Google's 412 can tell a hand edit. */
  async function mirrored() {
    ({ world, app } = await mirrorWorld());
    const now = Date.now();
    const src = [1, 2, 3, 4].map((i) =>
      world.google.insertEvent(ADA, {
        summary: `meeting ${i}`,
        start: { dateTime: iso(now + i * DAY) },
        end: { dateTime: iso(now + i * DAY + H) },
      }),
    );
    await sync();
    await app.api.setCalendarEnabled({ calendarId: BOB, enabled: false });
    const rule = await app.api.addMirrorRule({ from: ADA, to: BOB, showTitle: true, horizonDays: 30 });
    await sync();
    const mirrorOf = (sourceId: string) =>
      world.google.liveEvents(BOB).find((e) => markerOf(e).calsyncMirrorSource === sourceId)!;
    expect(src.map((s) => mirrorOf(s.id!).summary)).toEqual(['meeting 1', 'meeting 2', 'meeting 3', 'meeting 4']);
    return { now, src, rule, mirrorOf };
  }

  it('leaves a hand-edited mirror alone when its source changes or goes, reports it once, writes it never again', async () => {
    const { src, rule, mirrorOf } = await mirrored();
    const [s1, s2, s3] = src;
    const m1 = mirrorOf(s1!.id!);
    const m3 = mirrorOf(s3!.id!);
    // The user makes two mirrors theirs; then the sources of those and of an untouched one change or go.
    world.google.patchEvent(BOB, m1.id!, { summary: 'Dentist (mine)' });
    world.google.patchEvent(BOB, m3.id!, {
      start: { dateTime: iso(Date.parse(m3.start!.dateTime!) + H) },
      end: { dateTime: iso(Date.parse(m3.end!.dateTime!) + H) },
    });
    world.google.patchEvent(ADA, s1!.id!, { summary: 'renamed at the source' });
    world.google.patchEvent(ADA, s2!.id!, { summary: 'renamed too' });
    world.google.deleteEvent(ADA, s3!.id!);
    await sync();

    expect(world.google.getEvent(BOB, m1.id!)).toMatchObject({ summary: 'Dentist (mine)', status: 'confirmed' });
    expect(world.google.getEvent(BOB, m3.id!)).toMatchObject({ status: 'confirmed' });
    expect(Date.parse(world.google.getEvent(BOB, m3.id!)!.start!.dateTime!)).toBe(Date.parse(m3.start!.dateTime!) + H);
    expect(mirrorOf(s2!.id!).summary).toBe('renamed too');
    // Google refused the guarded writes; calsync read each event once and left it.
    expect(requestsTo('PATCH', m1.id!).map((q) => q.status)).toEqual([412]);
    expect(requestsTo('DELETE', m3.id!).map((q) => q.status)).toEqual([412]);
    expect(requestsTo('GET', m1.id!).map((q) => q.status)).toEqual([200]);
    expect(app.store.mirrors.getRule(rule.id)).toMatchObject({
      lastError: null,
      lastResult: expect.objectContaining({ updated: 1, deleted: 0, handEdited: 2 }),
    });
    expect(handEditReports()).toHaveLength(2);

    // Later changes of the sources and later syncs write neither again, and report nothing new.
    world.google.patchEvent(ADA, s1!.id!, { summary: 'renamed again' });
    const writes = writesTo(BOB).length;
    await sync();
    await sync();
    expect(writesTo(BOB).length).toBe(writes);
    expect(world.google.getEvent(BOB, m1.id!)).toMatchObject({ summary: 'Dentist (mine)' });
    expect(handEditReports()).toHaveLength(2);
    // All four stay: m3 is the user's now, kept though its source is gone.
    expect([...mirrorsAt(world, BOB, rule.id).keys()].sort()).toEqual(src.map((s) => s.id!).sort());
  });

  it('a lost answer to a guarded update counts as written; a colour change at Google does not stop an update', async () => {
    const { src, rule, mirrorOf } = await mirrored();
    const [s1, s2] = src;
    const m1 = mirrorOf(s1!.id!);
    const m2 = mirrorOf(s2!.id!);
    // m1: Google applies the patch but the answer is lost; the retry carries the old etag.
    world.google.faults.inject({
      match: { method: 'PATCH', path: new RegExp(`/events/${m1.id}$`) },
      action: { kind: 'lost-response' },
    });
    // m2: the user gave the mirror a colour — not its time or title.
    world.google.patchEvent(BOB, m2.id!, { colorId: '5' });
    world.google.patchEvent(ADA, s1!.id!, { summary: 'moved on' });
    world.google.patchEvent(ADA, s2!.id!, {
      start: { dateTime: iso(Date.parse(s2!.start!.dateTime!) + 2 * H) },
      end: { dateTime: iso(Date.parse(s2!.end!.dateTime!) + 2 * H) },
    });
    await sync();
    expect(mirrorOf(s1!.id!).summary).toBe('moved on');
    expect(requestsTo('PATCH', m1.id!).map((q) => q.status)).toEqual([200, 412]);
    expect(Date.parse(mirrorOf(s2!.id!).start!.dateTime!)).toBe(Date.parse(s2!.start!.dateTime!) + 2 * H);
    expect(mirrorOf(s2!.id!).colorId).toBe('5');
    expect(requestsTo('PATCH', m2.id!).map((q) => q.status)).toEqual([412, 200]);
    expect(app.store.mirrors.getRule(rule.id)?.lastResult).toMatchObject({ updated: 2, handEdited: 0 });
    expect(handEditReports()).toEqual([]);
    // Both are calsync's again: the next source change updates them with one request each.
    world.google.patchEvent(ADA, s1!.id!, { summary: 'and again' });
    world.google.patchEvent(ADA, s2!.id!, { summary: 'and again 2' });
    await sync();
    expect(requestsTo('PATCH', m1.id!).map((q) => q.status)).toEqual([200, 412, 200]);
    expect(requestsTo('PATCH', m2.id!).map((q) => q.status)).toEqual([412, 200, 200]);
  });
});

describe('an accepted block changed in Google Calendar between two syncs', () => {
  async function acceptedBlock() {
    world = await startWorld();
    app = world.app();
    await app.api.updateSettings({ timeZone: 'America/St_Johns', horizonDays: 7, leadTimeMinutes: 30 });
    await world.login(app, { write: true });
    await sync();
    const t = await app.api.addTask({
      title: 'Deep work',
      durationMinutes: 60,
      priority: 1,
      minChunkMinutes: 60,
      maxChunkMinutes: 60,
    });
    const [first] = (await app.api.plan({})).proposals.filter((p) => p.taskId === t.id);
    const [block] = await app.api.acceptProposals({ ids: [first!.id] });
    return block!;
  }

  it("is not moved over the user's own move: the accept is refused with the reason, Google keeps the user's time", async () => {
    const block = await acceptedBlock();
    const meeting = { start: Date.parse(block.start), end: Date.parse(block.start) + H };
    world.google.insertEvent(world.user.email, {
      summary: 'All hands',
      start: { dateTime: iso(meeting.start) },
      end: { dateTime: iso(meeting.end) },
    });
    await sync();
    const conflict = (await app.api.listProposals({ status: 'conflict' })).find((p) => p.id === block.id)!;
    expect(conflict.moveTo).not.toBeNull();
    // Before calsync syncs again, the user drags the block to the evening themselves.
    const mine = { start: meeting.start + 6 * H, end: meeting.start + 7 * H };
    world.google.patchEvent(world.user.email, block.googleEventId!, {
      start: { dateTime: iso(mine.start) },
      end: { dateTime: iso(mine.end) },
    });
    await expect(app.api.acceptProposals({ ids: [block.id] })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('"Deep work" was changed in Google Calendar since calsync last synced'),
    });
    const ev = world.google.getEvent(world.user.email, block.googleEventId!)!;
    expect([Date.parse(ev.start!.dateTime!), Date.parse(ev.end!.dateTime!)]).toEqual([mine.start, mine.end]);
    expect(requestsTo('PATCH', block.googleEventId!).map((q) => q.status)).toEqual([412]);
    // The cache took Google's version at once: the event is where the user put it.
    const cached = app.store.events.list().find((e) => e.id === block.googleEventId)!;
    expect(Date.parse(cached.start!)).toBe(mine.start);
  });

  it('is not deleted by an undo after the user renamed it; once the refusal showed the change, the undo deletes it', async () => {
    const block = await acceptedBlock();
    world.google.patchEvent(world.user.email, block.googleEventId!, { summary: 'Deep work — notes inside' });
    await expect(app.api.undoDecision({ id: block.id })).rejects.toMatchObject({ code: 'conflict' });
    expect(world.google.getEvent(world.user.email, block.googleEventId!)).toMatchObject({
      status: 'confirmed',
      summary: 'Deep work — notes inside',
    });
    // The cache took Google's version with the refusal, without waiting for a sync.
    expect(app.store.events.list().find((e) => e.id === block.googleEventId)?.title).toBe('Deep work — notes inside');
    await app.api.undoDecision({ id: block.id });
    expect(world.google.getEvent(world.user.email, block.googleEventId!)?.status).toBe('cancelled');
    expect(requestsTo('DELETE', block.googleEventId!).map((q) => q.status)).toEqual([412, 204]);
  });

  it('is undone over a colour change made at Google (not its time or title)', async () => {
    const block = await acceptedBlock();
    world.google.patchEvent(world.user.email, block.googleEventId!, { colorId: '11' });
    await app.api.undoDecision({ id: block.id });
    expect(world.google.getEvent(world.user.email, block.googleEventId!)?.status).toBe('cancelled');
    expect(requestsTo('DELETE', block.googleEventId!).map((q) => q.status)).toEqual([412, 204]);
  });
});
