// One device of the "many devices" bench, as its own process: the real engine
// (createApp) on its own data dir, told by the parent what to do over IPC.
// Between requests it runs the background loop a tray app runs — a sync every
// interval, each ending with its push — on a seconds scale instead of 15 min.
// The parent SIGKILLs it at random and starts it again on the same data dir.
import { createApp } from '../../src/main/core/app';
import { createLogger } from '../../src/main/core/log/logger';
import { serve } from '../sync/child';

const app = createApp({ env: process.env, logger: createLogger({ level: 'warn' }) });

// Every push this process finishes, as it finishes: the parent's throughput and hand-over figures.
app.bus.subscribe((e) => {
  if (e.type === 'push-finished')
    process.send!({ type: 'pushed', at: Date.now(), pushed: e.pushed, pending: e.pending, error: e.error });
});

let loop: { stop: boolean; done: Promise<void> } | null = null;

async function runLoop(state: { stop: boolean }, intervalMs: number): Promise<void> {
  // A random start spreads the devices' syncs over the interval, as independent machines' timers are.
  await sleep(Math.random() * intervalMs);
  while (!state.stop) {
    const run = await app.sync.request({ trigger: 'cron' });
    if (run.status !== 'succeeded' && run.status !== 'skipped')
      process.send!({ type: 'loop-error', message: `sync ${run.status}: ${run.error}` });
    // ±20 % jitter, as a fleet's timers drift apart.
    await sleep(intervalMs * (0.8 + Math.random() * 0.4));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref());
}

async function stopLoop(): Promise<void> {
  if (!loop) return;
  loop.stop = true;
  await loop.done;
  loop = null;
}

serve({
  async login() {
    await app.accounts.login({ onAuthUrl: (url) => void fetch(url).catch(() => undefined) });
    return { type: 'loggedIn' };
  },
  async connect(m) {
    await app.api.supabaseConnect({ url: String(m.url), anonKey: String(m.anonKey), workspaceId: String(m.wsId) });
    await app.api.supabaseSignIn({ email: String(m.email), password: String(m.password) });
    return { type: 'connected', deviceId: app.store.kv.get('supabase.device-id') };
  },
  /** One sync now (joins a running one), with the push that ends it. */
  async sync() {
    const run = await app.sync.request({ trigger: 'manual' });
    return { type: 'synced', status: run.status, error: run.error, pending: app.store.outbox.count() };
  },
  async push() {
    const r = await app.api.push({});
    return { type: 'pushDone', pushed: r.pushed, pending: r.pending, error: r.error };
  },
  async loop(m) {
    await stopLoop();
    const state = { stop: false, done: Promise.resolve() };
    state.done = runLoop(state, Number(m.intervalMs)).catch((e: unknown) => {
      process.send!({ type: 'loop-error', message: (e as Error).stack ?? String(e) });
    });
    loop = state;
    return { type: 'looping' };
  },
  async pause() {
    await stopLoop();
    return { type: 'paused', pending: app.store.outbox.count() };
  },
  async close() {
    await stopLoop();
    await app.close();
    setImmediate(() => process.exit(0));
    return { type: 'closed' };
  },
});
process.send!({ type: 'ready', pid: process.pid });
