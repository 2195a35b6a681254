// The renderer's HTTP transport against the real loopback server: calls,
// errors as data, the fetch-read event stream and its teardown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/shared/api';
import { createHttpBridge } from '../../src/renderer/api/http-bridge';
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
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringContaining('no-such-block') } });
  });

  it('answers with auth-failed when the token is wrong, and with an error when the server is gone', async () => {
    expect(await createHttpBridge('wrong', base).invoke('status', {})).toMatchObject({ ok: false, error: { code: 'auth-failed' } });
    const gone = await createHttpBridge(f.server.token, 'http://127.0.0.1:1').invoke('status', {});
    expect(gone).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('says a browser has no launch at login and no shell that opens the login page', async () => {
    const caps = await createHttpBridge(f.server.token, base).invoke('shellCapabilities', {});
    expect(caps).toEqual({ ok: true, value: { host: 'http', launchAtLogin: { supported: false, enabled: false }, opensLoginPage: false } });
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
});
