import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CalsyncApp } from '../../src/main/core/app';
import { signInWarnings } from '../../src/main/core/status-service';
import { startWorld, type World } from '../helpers/world';

let world: World;
let app: CalsyncApp;
const slot = (day: number) => ({
  start: { dateTime: `2026-05-${String(day).padStart(2, '0')}T09:00:00Z` },
  end: { dateTime: `2026-05-${String(day).padStart(2, '0')}T10:00:00Z` },
});

afterEach(() => world.close());

describe('several Google accounts', () => {
  beforeEach(async () => {
    world = await startWorld();
    world.google.addUser({ email: 'bo@example.test' });
    app = world.app();
    await world.login(app);
    await world.login(app, { email: 'bo@example.test' });
    world.google.insertEvent(world.user.email, { summary: 'ada 1', ...slot(1) });
    world.google.insertEvent('bo@example.test', { summary: 'bo 1', ...slot(2) });
  });

  it('each syncs its own calendars; one revoked account needs login while the other keeps syncing; re-login resumes', async () => {
    expect((await app.api.listAccounts({})).map((a) => a.email).sort()).toEqual([
      'ada@example.test',
      'bo@example.test',
    ]);
    const first = await app.sync.request({ trigger: 'cli' });
    expect(first.status).toBe('succeeded');
    expect(
      app.store.events
        .list()
        .map((e) => `${e.account}:${e.title}`)
        .sort(),
    ).toEqual(['ada@example.test:ada 1', 'bo@example.test:bo 1']);

    world.google.revokeUser('bo@example.test');
    world.google.expireAccessTokens();
    world.google.insertEvent(world.user.email, { summary: 'ada 2', ...slot(3) });
    world.google.insertEvent('bo@example.test', { summary: 'bo 2', ...slot(4) });
    const second = await app.sync.request({ trigger: 'cli' });
    expect(second.status).toBe('failed');
    expect(second.error).toMatch(/bo@example\.test needs to sign in again/);
    expect(second.calendars.find((c) => c.calendarId === world.user.email)).toMatchObject({
      status: 'succeeded',
      inserted: 1,
    });
    const accounts = await app.api.listAccounts({});
    expect(accounts.find((a) => a.email === 'bo@example.test')).toMatchObject({
      status: 'needs-login',
      statusReason: expect.stringContaining('invalid_grant'),
    });
    expect(accounts.find((a) => a.email === 'ada@example.test')).toMatchObject({ status: 'active' });

    await world.login(app, { email: 'bo@example.test' });
    const third = await app.sync.request({ trigger: 'cli' });
    expect(third).toMatchObject({ status: 'succeeded', kind: 'incremental' });
    expect(
      app.store.events
        .list()
        .map((e) => e.title)
        .sort(),
    ).toEqual(['ada 1', 'ada 2', 'bo 1', 'bo 2']);
  });

  it('logout revokes at Google, forgets the tokens and, unless asked to keep them, the cached events', async () => {
    await app.sync.request({ trigger: 'cli' });
    const out = await world.cli(['logout', 'bo@example.test', '--json']);
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ account: { email: 'bo@example.test' }, eventsRemoved: 1 });
    expect(world.google.requests.some((r) => r.path === '/revoke' && r.status === 200)).toBe(true);
    expect(app.store.events.list().map((e) => e.title)).toEqual(['ada 1']);
    expect((await app.api.listAccounts({})).map((a) => a.email)).toEqual(['ada@example.test']);

    const kept = await world.cli(['logout', 'ada@example.test', '--keep-events', '--json']);
    expect(kept.code, kept.stderr).toBe(0);
    expect(app.store.events.list().map((e) => e.title)).toEqual(['ada 1']);
    expect((await app.api.listAccounts({}))[0]).toMatchObject({ status: 'revoked' });
    const none = await world.cli(['sync', '--json']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/No Google account/);
    expect((await world.cli(['logout', 'nobody@example.test'])).code).toBe(1);
  });
});

describe('token health', () => {
  it('warns a day before a 7-day "Testing" sign-in dies, then needs login when it has', async () => {
    let now = Date.parse('2026-11-28T10:00:00Z');
    world = await startWorld({ google: { refreshTokenTtlSec: 7 * 86_400, now: () => now, accessTokenTtlSec: 3600 } });
    app = world.app();
    const account = await world.login(app);
    expect(Date.parse(account.signInExpiresAt!) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect((await app.api.status({})).problems.join('\n')).not.toMatch(/sign-in of/);

    // Seen from day six, the warning is there.
    expect(signInWarnings(app.store, Date.now() + 6.2 * 86_400_000)[0]).toMatch(
      /ada@example\.test expires in \d+ h: Google limits this OAuth client's sign-ins/,
    );

    // On day 8 Google refuses the refresh: the account needs a new sign-in.
    now += 8 * 86_400_000;
    world.google.expireAccessTokens();
    const run = await app.sync.request({ trigger: 'cli' });
    expect(run.error).toMatch(/needs to sign in again \(.*invalid_grant/);
  });

  it('asks for event write access only when asked (incremental authorization)', async () => {
    world = await startWorld();
    app = world.app();
    const readOnly = await world.login(app);
    expect(readOnly.canWrite).toBe(false);
    const writable = await world.login(app, { write: true });
    expect(writable.canWrite).toBe(true);
  });
});
