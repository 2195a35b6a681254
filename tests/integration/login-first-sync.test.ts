// Signing in from the window (the API's startLogin, which the tray's
// "Sign in to Google…" and `calsync serve` use) starts a first sync at once,
// instead of leaving the window empty until the next 15-minute tick.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startServe } from '../helpers/serve-process';
import { startWorld, type World } from '../helpers/world';

let world: World;
afterEach(() => world.close());

describe('the first sync after a sign-in from the window', () => {
  it('starts as soon as startLogin has an account (in process: the tray app)', async () => {
    world = await startWorld();
    world.google.insertEvent(world.user.email, {
      summary: 'Standup',
      start: { dateTime: '2026-12-07T09:00:00Z' },
      end: { dateTime: '2026-12-07T09:15:00Z' },
    });
    const app = world.app();
    // Background jobs run, as in the tray; their next tick is minutes away.
    await app.startJobs();
    const { authUrl } = await app.api.startLogin({});
    await fetch(authUrl); // the fake Google consents and redirects to the loopback listener
    await vi.waitFor(
      () =>
        expect(app.store.runs.list({ limit: 5 }).map((r) => `${r.trigger}:${r.status}`)).toEqual(['login:succeeded']),
      { timeout: 20_000 },
    );
    expect((await app.api.listEvents({})).map((e) => e.title)).toEqual(['Standup']);
  });

  it('starts in `calsync serve` too', async () => {
    world = await startWorld();
    const serve = await startServe(world.env);
    try {
      const call = async (op: string, body: unknown = {}) => {
        const res = await fetch(`${serve.origin}/api/${op}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${serve.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        return ((await res.json()) as { value: unknown }).value;
      };
      const { authUrl } = (await call('startLogin')) as { authUrl: string };
      await fetch(authUrl);
      await vi.waitFor(
        async () =>
          expect(
            ((await call('listRuns', { limit: 5 })) as Array<{ trigger: string; status: string }>).map(
              (r) => `${r.trigger}:${r.status}`,
            ),
          ).toEqual(['login:succeeded']),
        {
          timeout: 20_000,
          interval: 200,
        },
      );
      expect(await serve.stop()).toBe(0);
    } finally {
      serve.kill();
    }
  });
});
