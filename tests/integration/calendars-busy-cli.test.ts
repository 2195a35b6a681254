// DESIGN.md §6: `calendars busy|free <id>` and `blocksTime` on the calendar
// JSON items; the other calendar fields are unchanged; the choice is kept
// across syncs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../helpers/world';

let world: World;
let holidays: string;

beforeAll(async () => {
  world = await startWorld();
  holidays = world.google.addCalendar(world.user.email, {
    id: 'en.usa#holiday@group.v.calendar.google.com',
    summary: 'Holidays',
    accessRole: 'reader',
    timeZone: 'UTC',
  });
  const app = world.app();
  await world.login(app);
  await app.close();
  expect((await world.cli(['sync'])).code).toBe(0);
});
afterAll(() => world.close());

const run = async (args: string[], code = 0) => {
  const r = await world.cli([...args, '--json']);
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(code);
  return r;
};

describe('calsync calendars busy / free', () => {
  it('lists blocksTime with the default, switches it both ways, keeps it across a sync, and refuses an unknown id', async () => {
    const me = world.user.email;
    const list = JSON.parse((await run(['calendars'])).stdout) as Array<Record<string, unknown>>;
    for (const c of list) {
      for (const key of [
        'accountId',
        'account',
        'id',
        'summary',
        'timeZone',
        'accessRole',
        'primary',
        'color',
        'enabled',
        'hasSyncToken',
        'lastSyncedAt',
        'lastError',
        'blocksTime',
      ])
        expect(c).toHaveProperty(key);
    }
    expect(Object.fromEntries(list.map((c) => [c.id, c.blocksTime]))).toEqual({ [me]: true, [holidays]: false });

    expect(JSON.parse((await run(['calendars', 'busy', holidays])).stdout)).toMatchObject({
      id: holidays,
      blocksTime: true,
      enabled: true,
    });
    expect(JSON.parse((await run(['calendars', 'free', me])).stdout)).toMatchObject({
      id: me,
      blocksTime: false,
      enabled: true,
    });
    expect((await run(['sync'])).code).toBe(0);
    const after = JSON.parse((await run(['calendars'])).stdout) as Array<{ id: string; blocksTime: boolean }>;
    expect(Object.fromEntries(after.map((c) => [c.id, c.blocksTime]))).toEqual({ [me]: false, [holidays]: true });

    const missing = await run(['calendars', 'busy', 'no-such-calendar'], 1);
    expect(missing.stderr.trim()).toMatch(/^calsync: no calendar "no-such-calendar"/);
    expect((await world.cli(['calendars', 'busy'])).code).toBe(2);
  });
});
