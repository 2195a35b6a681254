// A command's side of the control channel: hand `sync` to the running tray app
// or `calsync serve` of the same data dir when there is one. Anything short of
// the run's answer — no app, a stale file, a refused or dropped connection —
// declines, and the command syncs on its own: a sync is safe to run again,
// and the cache's lock keeps two from overlapping.
import { request, type IncomingMessage } from 'node:http';
import type { SyncRun } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { registerSecret } from '../../../shared/scrub';
import { processAlive } from '../sync/lease-owner';
import { readControlFile } from './control-file';
import {
  CONTROL_CONTENT_TYPE,
  CONTROL_SYNC_PATH,
  controlLineSchema,
  type ControlSyncInput,
  type SyncProgress,
} from './control-protocol';

export type Handed = { ran: true; run: SyncRun } | { ran: false; reason: string };

export interface HandOptions {
  onProgress?: (e: SyncProgress) => void;
  /** How long the app may take to accept the connection before the command goes on alone. */
  connectTimeoutMs?: number;
  /** How long the app may stay silent once connected (a page's progress, the run); past that the command goes on alone. */
  silenceMs?: number;
}

// Longer than a full run's budget (5 min): an app that says nothing for this long is stuck, not syncing.
const SILENCE_MS = 6 * 60_000;

const MAX_LINE_BYTES = 1024 * 1024;

export async function syncInRunningApp(file: string, input: ControlSyncInput, o: HandOptions = {}): Promise<Handed> {
  const read = await readControlFile(file);
  if (!read.ok) return { ran: false, reason: read.reason };
  const c = read.value;
  if (!processAlive(c.pid)) return { ran: false, reason: `the app that wrote ${file} (pid ${c.pid}) is gone` };
  registerSecret(c.token);
  return new Promise<Handed>((resolve, reject) => {
    const body = JSON.stringify(input);
    const req = request({
      host: '127.0.0.1',
      port: c.port,
      path: CONTROL_SYNC_PATH,
      method: 'POST',
      headers: {
        authorization: `Bearer ${c.token}`,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      },
    });
    const decline = (reason: string) => {
      req.destroy();
      resolve({ ran: false, reason });
    };
    const connectTimer = setTimeout(
      () => decline('the running app did not answer in time'),
      o.connectTimeoutMs ?? 2_000,
    );
    req.once('socket', (s) => s.once('connect', () => clearTimeout(connectTimer)));
    req.setTimeout(o.silenceMs ?? SILENCE_MS, () => decline('the running app went silent'));
    // `on`, not `once`: a second socket error after the first must not go unhandled.
    req.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(connectTimer);
      resolve({ ran: false, reason: `the running app cannot be reached (${e.code ?? e.message})` });
    });
    req.once('response', (res) => {
      clearTimeout(connectTimer);
      const type = (res.headers['content-type'] ?? '').split(';')[0]!.trim();
      if (res.statusCode !== 200 || type !== CONTROL_CONTENT_TYPE) {
        res.resume();
        return decline(`the running app answered HTTP ${res.statusCode ?? '?'}`);
      }
      readLines(res, o, resolve, reject);
    });
    req.end(body);
  });
}

function readLines(
  res: IncomingMessage,
  o: HandOptions,
  resolve: (h: Handed) => void,
  reject: (e: AppError) => void,
): void {
  let buffered = '';
  let settled = false;
  const settle = (f: () => void) => {
    if (settled) return;
    settled = true;
    f();
    res.destroy();
  };
  const take = (line: string) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return settle(() => resolve({ ran: false, reason: 'the running app sent a line that is not JSON' }));
    }
    const parsed = controlLineSchema.safeParse(json);
    if (!parsed.success)
      return settle(() => resolve({ ran: false, reason: 'the running app sent an answer calsync does not know' }));
    const l = parsed.data;
    if ('progress' in l) o.onProgress?.(l.progress);
    else if ('run' in l) settle(() => resolve({ ran: true, run: l.run as SyncRun }));
    else settle(() => reject(new AppError(l.error.code, l.error.message)));
  };
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    buffered += chunk;
    if (buffered.length > MAX_LINE_BYTES)
      return settle(() => resolve({ ran: false, reason: 'the running app sent a line too long' }));
    let nl: number;
    while (!settled && (nl = buffered.indexOf('\n')) >= 0) {
      take(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
    }
  });
  const ended = () => {
    take(buffered);
    buffered = '';
    settle(() => resolve({ ran: false, reason: 'the running app closed the connection before the run ended' }));
  };
  res.once('end', ended);
  res.once('close', ended);
  res.on('error', ended);
}
