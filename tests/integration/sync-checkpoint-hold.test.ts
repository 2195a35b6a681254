// The sync run holds the cache's WAL auto-checkpoints (store/checkpoint-hold.ts):
// during an incremental run's pages none may run, a full listing runs with them
// on, and after the run's answer they are back on and one checkpoint has put
// the run's frames into the database file.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CalsyncApp } from '../../src/main/core/app';
import type { CheckpointOutcome } from '../../src/main/core/store/checkpoint-hold';
import { cacheView, serverView } from '../helpers/compare';
import { seedAccount, type Seeded } from '../helpers/seed';
import { startWorld, type World } from '../helpers/world';

let world: World;
let app: CalsyncApp;
let seeded: Seeded;

beforeEach(async () => {
  world = await startWorld({ tuning: { pageSize: 10 } });
  seeded = seedAccount(world.google, world.user.email);
  app = world.app();
  await world.login(app);
});
afterEach(() => world.close());

const threshold = () => Number(app.store.db.pragma('wal_autocheckpoint', { simple: true }));

/** The hold and the auto-checkpoint threshold as each page of the run was written. */
function watchPages(): { seen: Array<{ kind: string; held: boolean; threshold: number }>; stop: () => void } {
  const seen: Array<{ kind: string; held: boolean; threshold: number }> = [];
  const stop = app.bus.subscribe((e) => {
    if (e.type === 'sync-progress')
      seen.push({ kind: e.kind, held: app.store.checkpoints.held, threshold: threshold() });
  });
  return { seen, stop };
}

describe('WAL checkpoints around a sync run', () => {
  it('hold an incremental run, leave a full listing alone, and checkpoint once after the answer', async () => {
    const before = threshold();
    expect(before).toBeGreaterThan(0);

    const full = watchPages();
    const first = await app.sync.request({ trigger: 'cli' });
    full.stop();
    expect(first).toMatchObject({ status: 'succeeded', kind: 'full' });
    expect(full.seen.length).toBeGreaterThan(3);
    // Every page of a full pass is written with auto-checkpoints on.
    expect(full.seen.every((p) => p.kind === 'full' && !p.held && p.threshold === before)).toBe(true);

    const [primary, team] = seeded.calendars as [string, string];
    const live = world.google.liveEvents(team);
    world.google.patchEvent(team, live[0]!.id!, { summary: 'Renamed' });
    world.google.deleteEvent(team, live[1]!.id!);
    world.google.insertEvent(primary, {
      summary: 'New one',
      start: { dateTime: '2026-04-01T09:00:00Z' },
      end: { dateTime: '2026-04-01T10:00:00Z' },
    });

    const checkpoints: Array<{ afterAnswer: boolean; outcome: CheckpointOutcome | null }> = [];
    let answered = false;
    const real = app.store.checkpoints.checkpoint.bind(app.store.checkpoints);
    const spy = vi.spyOn(app.store.checkpoints, 'checkpoint').mockImplementation(() => {
      const outcome = real();
      checkpoints.push({ afterAnswer: answered, outcome });
      return outcome;
    });
    const inc = watchPages();
    const second = await app.sync.request({ trigger: 'cli' });
    answered = true;
    inc.stop();
    expect(second).toMatchObject({ status: 'succeeded', kind: 'incremental' });
    expect(second.calendars.reduce((n, c) => n + c.inserted + c.updated + c.deleted, 0)).toBe(3);
    expect(inc.seen.length).toBeGreaterThan(0);
    expect(inc.seen.every((p) => p.kind === 'incremental' && p.held && p.threshold === 0)).toBe(true);
    // Answered: auto-checkpoints are back at once; the checkpoint itself comes on the next turn.
    expect(app.store.checkpoints.held).toBe(false);
    expect(threshold()).toBe(before);
    await new Promise((resolve) => setImmediate(resolve));
    spy.mockRestore();
    // The full run's own deferred checkpoint came while this run held: it left the work to this run's end.
    expect(checkpoints).toHaveLength(2);
    expect(checkpoints[0]).toEqual({ afterAnswer: false, outcome: null });
    expect(checkpoints[1]!.afterAnswer).toBe(true);
    const outcome = checkpoints[1]!.outcome!;
    expect(outcome.busy).toBe(false);
    expect(outcome.walFrames).toBeGreaterThan(0);
    expect(outcome.checkpointed).toBe(outcome.walFrames);

    // The cache holds what Google holds, as without the hold.
    for (const cal of seeded.calendars)
      expect(cacheView(app.store.events.list({ calendarId: cal })), cal).toEqual(
        serverView(world.google.liveEvents(cal)),
      );
  });
});
