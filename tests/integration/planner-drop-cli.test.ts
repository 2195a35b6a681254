// `calsync accept <id> --at <time> [--until <time>]` and `calsync undo <id>`:
// a wall time read in the user's zone, the engine's refusal as the one-line
// reason (exit 1), the accepted block at exactly that time, and the undo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../helpers/world';

let world: World;
const HOUR = 3_600_000;
const ZONE = 'Europe/Berlin';

/** The n-th Monday–Friday after today in Berlin, as YYYY-MM-DD. */
function workingDay(n: number): string {
  let left = n;
  for (let i = 1; ; i++) {
    const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(Date.now() + i * 24 * HOUR));
    const wd = new Date(`${ymd}T12:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6 && --left === 0) return ymd;
  }
}
/** The instant of hour:00 Berlin time on a day. */
function berlin(day: string, hour: number): number {
  const probe = new Date(`${day}T12:00:00Z`);
  const h = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', hourCycle: 'h23' }).format(probe),
  );
  return probe.getTime() + (hour - h) * HOUR;
}

let day: string;
beforeAll(async () => {
  world = await startWorld();
  const app = world.app();
  await world.login(app, { write: true });
  await app.close();
  day = workingDay(2);
  world.google.insertEvent(world.user.email, {
    summary: 'Board meeting',
    start: { dateTime: new Date(berlin(day, 10)).toISOString() },
    end: { dateTime: new Date(berlin(day, 11)).toISOString() },
  });
  expect((await world.cli(['config', 'set', 'timeZone', JSON.stringify(ZONE)])).code).toBe(0);
  expect((await world.cli(['sync'])).code).toBe(0);
});
afterAll(() => world.close());

describe('calsync accept --at / undo', () => {
  it('refuses a time over a meeting with its name, accepts a legal one exactly there, and undoes it', async () => {
    const add = await world.cli([
      'tasks',
      'add',
      '--title',
      'Slides',
      '--duration',
      '60',
      '--min-chunk',
      '60',
      '--max-chunk',
      '60',
      '--json',
    ]);
    expect(add.code, add.stderr).toBe(0);
    const plan = await world.cli(['plan', '--json']);
    const [p] = (JSON.parse(plan.stdout) as { proposals: Array<{ id: string; start: string }> }).proposals;

    const over = await world.cli(['accept', p!.id, '--at', `${day}T10:30`]);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('overlaps “Board meeting”');

    const ok = await world.cli(['accept', p!.id, '--at', `${day}T14:00`, '--until', `${day}T15:00`, '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    const accepted = JSON.parse(ok.stdout) as { id: string; start: string; end: string; status: string };
    expect(accepted).toMatchObject({
      status: 'accepted',
      start: new Date(berlin(day, 14)).toISOString(),
      end: new Date(berlin(day, 15)).toISOString(),
    });

    const undo = await world.cli(['undo', accepted.id, '--json']);
    expect(undo.code, undo.stderr).toBe(0);
    expect(JSON.parse(undo.stdout)).toMatchObject({ id: p!.id, status: 'proposed', start: p!.start });
    expect(
      world.google.liveEvents(world.user.email).filter((e) => e.extendedProperties?.private?.calsyncProposalId),
    ).toHaveLength(0);
  });
});
