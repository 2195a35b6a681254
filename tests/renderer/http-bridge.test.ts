// The renderer's HTTP transport against the real loopback server: calls,
// errors as data, the fetch-read event stream and its teardown.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { EngineEvent } from '../../src/shared/api';
import { createHttpBridge } from '../../src/renderer/api/http-bridge';
import { startServer } from '../../src/main/server/http-server';
import { startFixture, type Fixture } from '../main/server/server-fixture';

let f: Fixture;
let base: string;
beforeAll(async () => {
  f = await startFixture({ heartbeatMs: 50 });
  base = `http://127.0.0.1:${f.server.port}`;
});
afterAll(async () => {
  await f.close();
});

describe('createHttpBridge', () => {
  it('calls operations and returns their results and errors as data', async () => {
    const bridge = createHttpBridge(f.server.token, base);
    const status = await bridge.invoke('status', {});
    expect(status.ok && status.value.accounts).toEqual([]);
    const bad = await bridge.invoke('listRuns', { limit: 0 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    const missing = await bridge.invoke('rejectProposal', { id: 'no-such-block' });
    expect(missing).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringContaining('no-such-block') },
    });
  });

  it('answers with bad-token when the token is wrong, and with an error when the server is gone', async () => {
    expect(await createHttpBridge('wrong', base).invoke('status', {})).toMatchObject({
      ok: false,
      error: { code: 'bad-token' },
    });
    const gone = await createHttpBridge(f.server.token, 'http://127.0.0.1:1').invoke('status', {});
    expect(gone).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('says a browser has no launch at login and no shell that opens the login page', async () => {
    const caps = await createHttpBridge(f.server.token, base).invoke('shellCapabilities', {});
    expect(caps).toEqual({
      ok: true,
      value: { host: 'http', launchAtLogin: { supported: false, enabled: false }, opensLoginPage: false },
    });
    expect((await createHttpBridge(f.server.token, base).invoke('setLaunchAtLogin', { enabled: true })).ok).toBe(false);
  });

  it('streams engine events to subscribers and closes the stream when the last one leaves', async () => {
    const bridge = createHttpBridge(f.server.token, base);
    const got: EngineEvent[] = [];
    const states: string[] = [];
    bridge.onConnection((s) => states.push(s));
    const off = bridge.subscribe((e) => got.push(e));
    await expect.poll(() => states.at(-1)).toBe('open');
    f.app.bus.emit({ type: 'run-started', runId: 42, trigger: 'manual' });
    f.app.bus.emit({ type: 'run-finished', runId: 42, status: 'succeeded' });
    await expect.poll(() => got.length).toBe(2);
    expect(got[1]).toEqual({ type: 'run-finished', runId: 42, status: 'succeeded' });
    off();
    await expect.poll(() => f.server.streams.count).toBe(0);
  });

  it('keeps its one stream when the last subscriber leaves and another joins in the same turn', async () => {
    // Every request the bridge makes for the stream, counted at fetch.
    const realFetch = globalThis.fetch;
    let opened = 0;
    globalThis.fetch = (input, init) => {
      if (String(input).endsWith('/api/events')) opened++;
      return realFetch(input, init);
    };
    onTestFinished(() => {
      globalThis.fetch = realFetch;
    });
    const bridge = createHttpBridge(f.server.token, base);
    const states: string[] = [];
    bridge.onConnection((s) => states.push(s));
    const first = bridge.subscribe(() => undefined);
    await expect.poll(() => states.at(-1)).toBe('open');
    await expect.poll(() => f.server.streams.count).toBe(1);
    // As at start: the early calls let go while a page subscribes.
    first();
    const got: EngineEvent[] = [];
    const second = bridge.subscribe((e) => got.push(e));
    await new Promise((r) => setTimeout(r, 200));
    expect(f.server.streams.count).toBe(1);
    f.app.bus.emit({ type: 'run-started', runId: 7, trigger: 'manual' });
    await expect.poll(() => got).toEqual([{ type: 'run-started', runId: 7, trigger: 'manual' }]);
    expect(states).toEqual(['connecting', 'open']);
    expect(opened).toBe(1);
    second();
    await expect.poll(() => f.server.streams.count).toBe(0);
  });

  it('says the token was rejected, and stops retrying, when the server comes back after a restart with a new token', async () => {
    const first = await startServer({
      api: f.app.api,
      events: f.app.bus,
      log: f.app.log,
      rendererDir: null,
      heartbeatMs: 50,
    });
    const at = `http://127.0.0.1:${first.port}`;
    const bridge = createHttpBridge(first.token, at);
    const states: string[] = [];
    bridge.onConnection((s) => states.push(s));
    const off = bridge.subscribe(() => undefined);
    await expect.poll(() => states.at(-1)).toBe('open');

    await first.close();
    await expect.poll(() => states.at(-1), { timeout: 10_000 }).toBe('lost');
    // `calsync serve` again on the same port: a new token, so the window's old one is refused.
    const second = await startServer({
      api: f.app.api,
      events: f.app.bus,
      log: f.app.log,
      rendererDir: null,
      heartbeatMs: 50,
      port: first.port,
    });
    try {
      expect(second.token).not.toBe(first.token);
      await expect.poll(() => states.at(-1), { timeout: 15_000 }).toBe('token-rejected');
      // Terminal: no further stream attempts, and a later call's 401 does not flip it back.
      expect(await bridge.invoke('status', {})).toMatchObject({ ok: false, error: { code: 'bad-token' } });
      await new Promise((r) => setTimeout(r, 1_500));
      expect(second.streams.count).toBe(0);
      expect(states.filter((s) => s === 'token-rejected')).toHaveLength(1);
      expect(states.at(-1)).toBe('token-rejected');
    } finally {
      off();
      await second.close();
    }
  });

  it('a call refused for its token marks the connection as rejected, one that succeeds does not', async () => {
    const good = createHttpBridge(f.server.token, base);
    const goodStates: string[] = [];
    good.onConnection((s) => goodStates.push(s));
    expect((await good.invoke('status', {})).ok).toBe(true);
    expect(goodStates).not.toContain('token-rejected');

    const stale = createHttpBridge('token-of-an-earlier-serve', base);
    const states: string[] = [];
    stale.onConnection((s) => states.push(s));
    expect(await stale.invoke('status', {})).toMatchObject({ ok: false, error: { code: 'bad-token' } });
    expect(states.at(-1)).toBe('token-rejected');
  });
});
