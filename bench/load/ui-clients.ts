// 50 windows on one `calsync serve`: each holds the SSE stream open and asks
// for status every second and whenever the engine says status changed (as
// the renderer does); one of them presses "Sync now" on a beat. Latencies per
// operation, errors, and how long one engine event takes to reach them all.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ServeProcess } from './serve-process';

export interface ClientFigures {
  /** Status asked on the clients' 1 s beat. */
  status: number[];
  /** Status asked by every client at once after a status-changed event (a burst of `clients` requests). */
  statusOnEvent: number[];
  syncNow: number[];
  /** Per run-finished event: first-to-last arrival across the clients, ms. */
  fanOut: number[];
  /** Clients that saw each run-finished event, per event. */
  reach: number[];
  errors: string[];
  requests: number;
}

export interface ClientOptions {
  clients: number;
  seconds: number;
  pollMs: number;
  syncEveryMs: number;
  /** Runs before each "Sync now": e.g. a few changes at Google. */
  beforeSync?: (n: number) => Promise<void>;
}

export async function runUiClients(s: ServeProcess, o: ClientOptions): Promise<ClientFigures> {
  const f: ClientFigures = {
    status: [],
    statusOnEvent: [],
    syncNow: [],
    fanOut: [],
    reach: [],
    errors: [],
    requests: 0,
  };
  const headers = { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json' };
  const end = Date.now() + o.seconds * 1000;
  const arrivals = new Map<number, number[]>();
  const stop = new AbortController();

  const call = async (op: string, into: number[]) => {
    const t0 = performance.now();
    f.requests++;
    try {
      const r = await fetch(`${s.origin}/api/${op}`, { method: 'POST', headers, body: '{}' });
      const body = (await r.json()) as { ok: boolean; error?: { message: string } };
      if (r.status !== 200 || !body.ok) f.errors.push(`${op}: HTTP ${r.status} ${body.error?.message ?? ''}`);
      into.push(performance.now() - t0);
    } catch (e) {
      f.errors.push(`${op}: ${(e as Error).message}`);
    }
  };

  const stream = async () => {
    const r = await fetch(`${s.origin}/api/events`, { headers, signal: stop.signal });
    const reader = r.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buf += value;
      for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
        const frame = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (!data) continue;
        const e = JSON.parse(data) as { type: string; runId?: number };
        if (e.type === 'run-finished') arrivals.set(e.runId!, [...(arrivals.get(e.runId!) ?? []), performance.now()]);
        if (e.type === 'status-changed' && Date.now() < end) void call('status', f.statusOnEvent);
      }
    }
  };

  const client = async () => {
    const sse = stream().catch((e: unknown) => {
      if (!stop.signal.aborted) f.errors.push(`events: ${(e as Error).message}`);
    });
    await sleep(Math.random() * o.pollMs);
    while (Date.now() < end) {
      await call('status', f.status);
      await sleep(o.pollMs);
    }
    return sse;
  };

  const driver = async () => {
    await sleep(o.syncEveryMs / 2);
    for (let n = 0; Date.now() + 2_000 < end; n++) {
      await o.beforeSync?.(n);
      await call('syncNow', f.syncNow);
      await sleep(o.syncEveryMs);
    }
  };

  const clients = Array.from({ length: o.clients }, client);
  await driver();
  // The pollers stop by themselves at the end; then the streams are closed.
  while (Date.now() < end) await sleep(100);
  await sleep(o.pollMs + 200);
  stop.abort();
  await Promise.allSettled(clients);
  for (const times of arrivals.values()) {
    f.reach.push(times.length);
    f.fanOut.push(Math.max(...times) - Math.min(...times));
  }
  return f;
}
