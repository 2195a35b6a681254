// Events Google may well send (or a buggy client may have written) that are
// odd or broken: each is stored or skipped with a logged reason, and the run
// still succeeds with the rest of the data intact.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CalsyncApp } from '../../src/main/core/app';
import { startWorld, type World } from '../helpers/world';

let world: World;
let app: CalsyncApp;

beforeEach(async () => {
  world = await startWorld();
  app = world.app();
  await world.login(app);
});
afterEach(() => world.close());

const slot = { start: { dateTime: '2026-04-01T09:00:00Z' }, end: { dateTime: '2026-04-01T10:00:00Z' } };

describe('bad input from Google', () => {
  it('stores odd events, skips unusable ones with a reason, and keeps the run green', async () => {
    const cal = world.user.email;
    const g = world.google;
    const untitled = g.insertEvent(cal, { ...slot, summary: undefined });
    const noStart = g.insertEvent(cal, { summary: 'no start', start: undefined, end: undefined });
    const big = g.insertEvent(cal, { ...slot, summary: 'big', description: 'd'.repeat(1_000_000) });
    const intl = g.insertEvent(cal, { ...slot, summary: 'اجتماع 会議 🗓️ <img src=x onerror=alert(1)>' });
    const oddZone = g.insertEvent(cal, {
      summary: 'odd zone',
      start: { dateTime: '2026-04-01T09:00:00+05:45', timeZone: 'Mars/Olympus_Mons' },
      end: { dateTime: '2026-04-01T10:00:00+05:45', timeZone: 'Mars/Olympus_Mons' },
    });
    const fine = g.insertEvent(cal, { ...slot, summary: 'fine' });

    const run = await app.sync.request({ trigger: 'cli' });
    expect(run.status).toBe('succeeded');
    expect(run.calendars[0]).toMatchObject({ inserted: 5, skipped: 1 });

    const byId = new Map(app.store.events.list().map((e) => [e.id, e]));
    expect(byId.get(untitled.id!)).toMatchObject({ title: '' });
    expect(byId.has(noStart.id!)).toBe(false);
    expect(byId.get(big.id!)!.description).toHaveLength(1_000_000);
    expect(byId.get(intl.id!)!.title).toBe('اجتماع 会議 🗓️ <img src=x onerror=alert(1)>');
    // An unknown zone is dropped for the calendar's (the instant came with its offset).
    expect(byId.get(oddZone.id!)).toMatchObject({ start: '2026-04-01T03:15:00.000Z', timeZone: 'UTC' });
    expect(byId.get(fine.id!)).toBeDefined();

    const logs = world.logs.join('\n');
    expect(logs).toMatch(new RegExp(`"eventId":"${noStart.id}".*skipped an event: event has no start`));
    expect(logs).toMatch(/unknown time zone \\"Mars\/Olympus_Mons\\"/);
  });
});
