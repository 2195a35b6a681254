// The bridge over loopback HTTP for a browser on `calsync serve`: POST
// /api/<op> for calls, one fetch-read SSE stream for events (EventSource
// cannot send the Authorization header). The stream reconnects with backoff,
// except when the server refuses the token: a restarted `calsync serve` has a
// new one, which only the link it printed carries, so retrying cannot help.
import type { ApiResult, EngineEvent } from '../../shared/api';
import type {
  BridgeInput,
  BridgeOp,
  BridgeOutput,
  CalsyncBridge,
  ShellCapabilities,
  ShellOp,
} from '../../shared/bridge';
import { SseParser } from './sse-parser';

export type ConnectionState = 'connecting' | 'open' | 'lost' | 'token-rejected';

export interface HttpBridge extends CalsyncBridge {
  onConnection(listener: (s: ConnectionState) => void): () => void;
}

// Type-only use of bridge.ts keeps zod out of the bundle; the compiler checks this list.
const SHELL_OPS: Record<ShellOp, true> = { shellCapabilities: true, setLaunchAtLogin: true };
const isShellOp = (op: string): op is ShellOp => Object.prototype.hasOwnProperty.call(SHELL_OPS, op);

const BROWSER: ShellCapabilities = {
  host: 'http',
  launchAtLogin: { supported: false, enabled: false },
  opensLoginPage: false,
};

export function createHttpBridge(token: string | null, base = ''): HttpBridge {
  const listeners = new Set<(e: EngineEvent) => void>();
  const connListeners = new Set<(s: ConnectionState) => void>();
  let abort: AbortController | null = null;
  let closing: ReturnType<typeof setTimeout> | null = null;
  let state: ConnectionState = 'connecting';
  const setState = (s: ConnectionState) => {
    // Terminal: no later answer makes the old token valid again.
    if (s === state || state === 'token-rejected') return;
    state = s;
    for (const l of connListeners) l(s);
  };
  const headers = (): Record<string, string> => (token ? { Authorization: `Bearer ${token}` } : {});

  async function stream(signal: AbortSignal): Promise<void> {
    let delay = 500;
    while (!signal.aborted) {
      try {
        const res = await fetch(`${base}/api/events`, { headers: headers(), signal });
        if (res.status === 401) {
          setState('token-rejected');
          return;
        }
        if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
        setState('open');
        // A reconnect may have missed events: let every view refresh once.
        if (delay !== 500) for (const l of listeners) l({ type: 'status-changed' });
        delay = 500;
        const parser = new SseParser();
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const m of parser.feed(value)) {
            if (m.event !== 'engine') continue;
            const event = JSON.parse(m.data) as EngineEvent;
            for (const l of listeners) l(event);
          }
        }
      } catch {
        if (signal.aborted) return;
      }
      setState('lost');
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  }

  return {
    async invoke<K extends BridgeOp>(op: K, input: BridgeInput<K>): Promise<ApiResult<BridgeOutput<K>>> {
      if (isShellOp(op)) {
        if (op === 'shellCapabilities') return { ok: true, value: BROWSER as BridgeOutput<K> };
        return { ok: false, error: { code: 'not-configured', message: 'launch at login is set in the desktop app' } };
      }
      try {
        const res = await fetch(`${base}/api/${op}`, {
          method: 'POST',
          headers: { ...headers(), 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
        if (res.status === 401) setState('token-rejected');
        const body = (await res.json()) as ApiResult<BridgeOutput<K>>;
        if (typeof body !== 'object' || body === null || typeof body.ok !== 'boolean')
          throw new Error(`unexpected answer (HTTP ${res.status})`);
        return body;
      } catch (e) {
        return { ok: false, error: { code: 'internal', message: `calsync is not reachable: ${(e as Error).message}` } };
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      if (closing) clearTimeout(closing);
      closing = null;
      if (!abort) {
        abort = new AbortController();
        void stream(abort.signal);
      }
      return () => {
        listeners.delete(listener);
        // Closed a moment later, not at once: at start the early calls (early-calls.ts) let go of the stream while
        // the pages are subscribing in the same commit, and closing it then would open a second one at once.
        if (listeners.size === 0 && abort && !closing)
          closing = setTimeout(() => {
            closing = null;
            if (listeners.size > 0 || !abort) return;
            abort.abort();
            abort = null;
          }, 0);
      };
    },
    onConnection(listener) {
      connListeners.add(listener);
      listener(state);
      return () => connListeners.delete(listener);
    },
  };
}
