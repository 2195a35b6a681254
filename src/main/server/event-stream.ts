// GET /api/events: engine events as Server-Sent Events. Comments keep idle
// connections (and proxies) alive; nothing polls. The client reads it with
// fetch so the bearer token stays in a header.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EngineEvent } from '../../shared/api';
import { sendBusy } from '../core/loopback/json-io';

export interface EventSource {
  subscribe(listener: (e: EngineEvent) => void): () => void;
}

export class EventStreams {
  private readonly open = new Set<ServerResponse>();

  constructor(
    private readonly source: EventSource,
    private readonly heartbeatMs = 15_000,
    private readonly max = Infinity,
  ) {}

  get count(): number {
    return this.open.size;
  }

  attach(req: IncomingMessage, res: ServerResponse): void {
    // Each stream holds a socket, a subscription and a timer: a page opening them in a loop must not exhaust the process.
    if (this.open.size >= this.max)
      return sendBusy(res, `too many open event streams (limit ${this.max}); close other calsync windows or tabs`);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    // The retry hint is for clients that reconnect by themselves.
    res.write('retry: 2000\n: connected\n\n');
    this.open.add(res);
    const unsubscribe = this.source.subscribe((e) => res.write(`event: engine\ndata: ${JSON.stringify(e)}\n\n`));
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), this.heartbeatMs);
    heartbeat.unref();
    const done = () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(res);
    };
    req.on('close', done);
    res.on('close', done);
  }

  /** Ends every stream so the server can close (clients reconnect to the next one). */
  closeAll(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }
}
