// The running tray app or `calsync serve` takes `calsync sync` from a command
// of the same data dir, so the command's sync joins the app's (one run, one
// lock holder, the window sees it live) and costs one loopback round trip
// instead of a second engine with its own Google client. Loopback only, the
// Host guard, the token of control.json, and one operation: POST /sync.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SyncRun } from '../../../shared/domain';
import { AppError, toErrorData } from '../../../shared/errors';
import { registerSecret } from '../../../shared/scrub';
import type { EngineBus } from '../engine-bus';
import type { Logger } from '../log/logger';
import { newAccessToken, tokenMatches } from '../loopback/access-token';
import { BodyError, readJsonBody, sendError } from '../loopback/json-io';
import { refuseForeign } from '../loopback/request-guard';
import { removeControlFile, writeControlFile } from './control-file';
import {
  CONTROL_CONTENT_TYPE,
  CONTROL_SYNC_PATH,
  controlLine,
  controlSyncInputSchema,
  type ControlLine,
} from './control-protocol';

export interface ControlDeps {
  /** control.json of the data dir. */
  file: string;
  /** The app's own "sync now": a run already going is joined, not doubled. */
  sync: (input: { full: boolean }) => Promise<SyncRun>;
  bus: EngineBus;
  log: Logger;
}

export interface RunningControl {
  port: number;
  close(): Promise<void>;
}

const MAX_INPUT_BYTES = 4096;

export async function startControlServer(d: ControlDeps): Promise<RunningControl> {
  const token = newAccessToken();
  registerSecret(token);
  let port = 0;
  let closing = false;
  const inFlight = new Set<Promise<void>>();
  const server = createServer((req, res) => {
    const done = handle(req, res)
      .catch((e: unknown) => {
        d.log.error({ err: e }, 'a command to the running app failed');
        if (!res.headersSent) sendError(res, 500, toErrorData(e));
        else res.destroy();
      })
      .finally(() => inFlight.delete(done));
    inFlight.add(done);
  });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    res.setHeader('Cache-Control', 'no-store');
    const refusal = refuseForeign(req, port);
    if (refusal) return sendError(res, 403, { code: 'refused', message: refusal });
    if ((req.url ?? '') !== CONTROL_SYNC_PATH)
      return sendError(res, 404, { code: 'not-found', message: `no ${req.url ?? ''} here` });
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendError(res, 405, { code: 'bad-input', message: `use POST for ${CONTROL_SYNC_PATH}` });
    }
    if (!tokenMatches(req.headers.authorization, token))
      return sendError(res, 401, { code: 'bad-token', message: 'missing or wrong control token' });
    let body: unknown;
    try {
      body = await readJsonBody(req, MAX_INPUT_BYTES);
    } catch (e) {
      if (!(e instanceof BodyError)) throw e;
      return sendError(res, e.status, { code: e.code, message: e.message });
    }
    const input = controlSyncInputSchema.safeParse(body);
    if (!input.success)
      return sendError(res, 400, { code: 'bad-input', message: 'the sync input is { "full"?: boolean }' });
    // The app is shutting down: no new run; the command syncs on its own.
    if (closing) return sendError(res, 503, { code: 'locked', message: 'the calsync app is closing' });

    res.writeHead(200, { 'Content-Type': CONTROL_CONTENT_TYPE });
    const send = (l: ControlLine) => {
      // A command that went away leaves the run to finish in the app, as a click on "Sync now" would.
      if (!res.destroyed && !res.writableEnded) res.write(controlLine(l));
    };
    const unsubscribe = d.bus.subscribe((e) => {
      if (e.type === 'sync-progress') send({ progress: e });
    });
    try {
      send({ run: await d.sync({ full: input.data.full === true }) });
    } catch (e) {
      d.log.error({ err: e }, 'a sync asked for by a command failed');
      send({ error: toErrorData(e) });
    } finally {
      unsubscribe();
      res.end();
    }
  };

  server.headersTimeout = 5_000;
  // The process's life is the tray's or serve's, not this listener's.
  server.unref();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  try {
    await writeControlFile(d.file, { version: 1, pid: process.pid, port, token });
  } catch (e) {
    server.close();
    throw new AppError('storage-error', `cannot write ${d.file}: ${toErrorData(e).message}`);
  }

  return {
    port,
    /** No new commands; the ones taken get their run's answer before this resolves. */
    close: async () => {
      closing = true;
      await removeControlFile(d.file, token).catch((e: unknown) =>
        d.log.warn({ err: toErrorData(e).message }, `could not remove ${d.file}`),
      );
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(inFlight);
      server.closeAllConnections();
      await stopped;
    },
  };
}
