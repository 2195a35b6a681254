// A damaged token file or vault entry: a clear message, the account needs a
// new sign-in, and nothing else is lost — cached events, tasks and the other
// secrets stay; after `calsync login` the account syncs again.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CalsyncApp } from '../../src/main/core/app';
import { seedAccount } from '../helpers/seed';
import { startWorld, type World } from '../helpers/world';

let world: World;
let app: CalsyncApp;
let events: number;
const tokens = () => path.join(world.home, 'tokens.json');

beforeEach(async () => {
  world = await startWorld();
  seedAccount(world.google, world.user.email, { perCalendar: 10 });
  app = world.app();
  await world.login(app);
  expect((await app.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
  await app.api.addTask({ title: 'Keep me', durationMinutes: 60 });
  events = app.store.events.count();
  await app.close();
});
afterEach(() => world.close());

async function expectNeedsLoginAndNothingElseLost(): Promise<void> {
  const sync = await world.cli(['sync', '--json'], { env: { CALSYNC_LOG_LEVEL: 'silent' } });
  expect(sync.code).toBe(1);
  expect(sync.stderr.trim().split('\n')).toEqual([
    expect.stringMatching(/^calsync: sync failed: ada@example\.test needs to sign in again .*calsync login/),
  ]);
  const accounts = JSON.parse((await world.cli(['accounts', '--json'])).stdout) as Array<{ status: string }>;
  expect(accounts).toEqual([expect.objectContaining({ status: 'needs-login' })]);
  const after = world.app();
  expect(after.store.events.count()).toBe(events);
  expect((await after.api.listTasks({})).map((t) => t.title)).toEqual(['Keep me']);
  // A new sign-in is stored and the account syncs again.
  await world.login(after);
  expect((await after.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
  expect((await after.api.listAccounts({}))[0]!.status).toBe('active');
}

describe('damaged secrets', () => {
  it('a corrupt tokens.json is moved aside (kept), status says so, the account needs a new sign-in', async () => {
    const damaged = readFileSync(tokens(), 'utf8').slice(0, 40);
    writeFileSync(tokens(), damaged);
    const status = await world.cli(['status', '--json']);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout).problems.join('\n')).toMatch(
      /token file was damaged and has been moved aside to .*tokens\.json\.damaged-.* \(kept\)/,
    );
    const kept = readdirSync(world.home).filter((n) => n.startsWith('tokens.json.damaged-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(path.join(world.home, kept[0]!), 'utf8')).toBe(damaged);
    await expectNeedsLoginAndNothingElseLost();
  });

  it('an unreadable entry in a good file: that account needs a new sign-in, the other entries stay', async () => {
    const all = JSON.parse(readFileSync(tokens(), 'utf8')) as Record<string, string>;
    const key = Object.keys(all).find((k) => k.startsWith('google:'))!;
    writeFileSync(tokens(), JSON.stringify({ ...all, [key]: '{"refresh_token": ', 'supabase:session': 'kept' }));
    await expectNeedsLoginAndNothingElseLost();
    expect(JSON.parse(readFileSync(tokens(), 'utf8'))['supabase:session']).toBe('kept');
  });
});
