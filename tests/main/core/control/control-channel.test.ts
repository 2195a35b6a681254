// The control channel on its own: what the running app's listener refuses,
// what it answers, how it closes, and what a command makes of each answer.
import { statSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startControlServer, type RunningControl } from '../../../../src/main/core/control/control-server';
import { syncInRunningApp } from '../../../../src/main/core/control/control-client';
import { readControlFile, runningAppPid, writeControlFile } from '../../../../src/main/core/control/control-file';
import { controlLineSchema } from '../../../../src/main/core/control/control-protocol';
import { EngineBus } from '../../../../src/main/core/engine-bus';
import { createLogger } from '../../../../src/main/core/log/logger';
import type { SyncRun } from '../../../../src/shared/domain';
import { AppError } from '../../../../src/shared/errors';
import { useTempDir } from '../../../helpers/temp-dir';

const tempDir = useTempDir('calsync-control-');
const log = createLogger({ stream: null });
const open: Array<RunningControl | Server> = [];
afterEach(async () => {
  for (const o of open.splice(0)) await ('port' in o ? o.close() : new Promise((r) => o.close(r)));
});

const runOf = (id: number, over: Partial<SyncRun> = {}): SyncRun => ({
  id,
  trigger: 'cli',
  kind: 'incremental',
  status: 'succeeded',
  startedAt: '2026-12-07T05:00:00.000Z',
  endedAt: '2026-12-07T05:00:01.000Z',
  error: null,
  apiCalls: 2,
  retries: 0,
  pages: 1,
  calendars: [
    {
      accountId: 'a',
      calendarId: 'primary@example.test',
      kind: 'incremental',
      status: 'succeeded',
      inserted: 1,
      updated: 0,
      deleted: 0,
      skipped: 0,
      pages: 1,
      error: null,
    },
  ],
  ...over,
});

async function started(sync: (i: { full: boolean }) => Promise<SyncRun>, bus = new EngineBus()) {
  const file = path.join(tempDir(), 'control.json');
  const control = await startControlServer({ file, sync, bus, log });
  open.push(control);
  const read = await readControlFile(file);
  if (!read.ok) throw new Error(read.reason);
  return { file, control, bus, token: read.value.token, port: read.value.port };
}

async function answerOf(res: IncomingMessage): Promise<{ status: number; body: string }> {
  let body = '';
  for await (const chunk of res) body += String(chunk);
  return { status: res.statusCode ?? 0, body };
}

/** A listener that is not the app, on the port a control file names: it gives the answers in turn, one per request. */
async function foreignApp(answers: Array<(res: ServerResponse) => void>): Promise<{ file: string; foreign: Server }> {
  let i = 0;
  const foreign = createServer((req, res) => {
    req.resume();
    answers[i++]!(res);
  });
  open.push(foreign);
  await new Promise<void>((r) => foreign.listen(0, '127.0.0.1', r));
  const file = path.join(tempDir(), 'control.json');
  const port = (foreign.address() as AddressInfo).port;
  await writeControlFile(file, { version: 1, pid: process.ppid, port, token: 'z'.repeat(43) });
  return { file, foreign };
}

function post(
  port: number,
  o: { token?: string; host?: string; path?: string; method?: string; body?: string; type?: string } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: o.path ?? '/sync',
        method: o.method ?? 'POST',
        headers: {
          host: o.host ?? `127.0.0.1:${port}`,
          'content-type': o.type ?? 'application/json',
          ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
        },
      },
      (res) => void answerOf(res).then(resolve, reject),
    );
    req.once('error', reject);
    req.end(o.method === 'GET' ? undefined : (o.body ?? '{}'));
  });
}

describe('the running app’s listener', () => {
  it('writes a private control file naming this process, and removes it on close', async () => {
    const { file, control, port } = await started(async () => runOf(1));
    const read = await readControlFile(file);
    expect(read.ok && read.value.pid).toBe(process.pid);
    expect(read.ok && read.value.port).toBe(port);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    await control.close();
    expect(existsSync(file)).toBe(false);
  });

  it('does not start when its file cannot be written, and says why', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'not-a-dir'), '');
    const e = await startControlServer({
      file: path.join(dir, 'not-a-dir', 'control.json'),
      sync: async () => runOf(1),
      bus: new EngineBus(),
      log,
    }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AppError);
    expect([(e as AppError).code, (e as AppError).message]).toEqual([
      'storage-error',
      expect.stringMatching(/^cannot write .*control\.json: /),
    ]);
  });

  it('leaves the file alone on close when another app of the data dir has written its own since', async () => {
    const { file, control } = await started(async () => runOf(1));
    const other = { version: 1 as const, pid: process.pid, port: 1, token: 'x'.repeat(43) };
    await writeControlFile(file, other);
    await control.close();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(other);
  });

  it('refuses a missing or wrong token, another Host, another path or method, and bad input — before any sync', async () => {
    let syncs = 0;
    const { port, token } = await started(async () => runOf(++syncs));
    const cases: Array<[Parameters<typeof post>[1], number, string]> = [
      [{}, 401, 'bad-token'],
      [{ token: token.slice(1) + 'A' }, 401, 'bad-token'],
      [{ token, host: `evil.example:${port}` }, 403, 'refused'],
      [{ token, path: '/sync/' }, 404, 'not-found'],
      [{ token, method: 'GET' }, 405, 'bad-input'],
      [{ token, body: '{"full":"yes"}' }, 400, 'bad-input'],
      [{ token, body: '{"full":true,"calendar":"x"}' }, 400, 'bad-input'],
      [{ token, body: 'not json' }, 400, 'bad-input'],
      [{ token, type: 'text/plain' }, 415, 'bad-input'],
      [{ token, body: JSON.stringify({ full: true, pad: 'x'.repeat(5000) }) }, 413, 'bad-input'],
    ];
    for (const [o, status, code] of cases) {
      const r = await post(port, o);
      expect([r.status, JSON.parse(r.body).error.code], JSON.stringify(o).slice(0, 80)).toEqual([status, code]);
    }
    expect(syncs).toBe(0);
  });

  it('answers the sync’s progress as it goes, then its run; `full` reaches the sync', async () => {
    const seen: boolean[] = [];
    const bus = new EngineBus();
    const { port, token } = await started(async ({ full }) => {
      seen.push(full);
      bus.emit({ type: 'run-started', runId: 7, trigger: 'cli' });
      bus.emit({ type: 'sync-progress', runId: 7, accountId: 'a', calendarId: 'c', kind: 'full', pages: 1, events: 9 });
      return runOf(7, { kind: 'full' });
    }, bus);
    const r = await post(port, { token, body: '{"full":true}' });
    expect(r.status).toBe(200);
    const lines = r.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      {
        progress: {
          type: 'sync-progress',
          runId: 7,
          accountId: 'a',
          calendarId: 'c',
          kind: 'full',
          pages: 1,
          events: 9,
        },
      },
      { run: runOf(7, { kind: 'full' }) },
    ]);
    expect(seen).toEqual([true]);
  });

  it('answers with Cache-Control: no-store, and a sync that fails unexpectedly as an error line', async () => {
    const { port, token } = await started(async () => {
      throw new Error('out of memory');
    });
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/sync',
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        },
        resolve,
      );
      req.once('error', reject);
      req.end('{}');
    });
    let body = '';
    for await (const chunk of res) body += String(chunk);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-type']).toBe('application/x-ndjson');
    expect(JSON.parse(body)).toMatchObject({
      error: { code: 'internal', message: expect.stringContaining('out of memory') },
    });
  });

  it('turns away a command whose request was still arriving when the app began to close', async () => {
    let syncs = 0;
    const { port, token, control } = await started(async () => runOf(++syncs));
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/sync',
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': 2 },
        },
        (res) => void answerOf(res).then(resolve, reject),
      );
      req.once('error', reject);
      req.write('{');
      setTimeout(() => {
        void control.close();
        setTimeout(() => req.end('}'), 50);
      }, 50);
    });
    const r = await answer;
    expect([r.status, JSON.parse(r.body).error.code]).toEqual([503, 'locked']);
    expect(syncs).toBe(0);
  });

  it('on close, lets a command already taken have its run, and turns new ones away', async () => {
    let finish!: (r: SyncRun) => void;
    const { port, token, control } = await started(() => new Promise<SyncRun>((r) => (finish = r)));
    const taken = post(port, { token });
    await new Promise((r) => setTimeout(r, 50)); // the request is in the sync
    const closed = control.close();
    let closedYet = false;
    void closed.then(() => (closedYet = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(closedYet).toBe(false);
    finish(runOf(3));
    expect(JSON.parse((await taken).body)).toEqual({ run: runOf(3) });
    await closed;
  });
});

describe('the protocol', () => {
  it('takes a run of every status, kind and trigger the engine has, and nothing else', () => {
    const statuses = ['running', 'succeeded', 'failed', 'skipped', 'interrupted'] as const;
    const triggers = ['cli', 'manual', 'cron', 'startup', 'resume', 'network', 'login'] as const;
    for (const status of statuses)
      for (const trigger of triggers)
        for (const kind of ['full', 'incremental'] as const) {
          const run = runOf(1, { status, trigger, kind });
          run.calendars[0] = { ...run.calendars[0]!, status, kind };
          expect(controlLineSchema.safeParse({ run }).success, `${status} ${trigger} ${kind}`).toBe(true);
        }
    for (const over of [
      { status: 'done' },
      { trigger: 'someone' },
      { kind: 'partial' },
      { id: '1' },
      { calendars: [{}] },
    ])
      expect(controlLineSchema.safeParse({ run: { ...runOf(1), ...over } }).success, JSON.stringify(over)).toBe(false);
    expect(controlLineSchema.safeParse({ run: runOf(1), extra: 1 }).success).toBe(false);
  });
});

describe('the control file', () => {
  it('names a running app only while its process lives, and only in the shape calsync writes', async () => {
    const file = path.join(tempDir(), 'control.json');
    expect(await runningAppPid(file)).toBe(null);
    const good = { version: 1 as const, pid: process.ppid, port: 4000, token: 'A'.repeat(43) };
    await writeControlFile(file, good);
    expect(await runningAppPid(file)).toBe(process.ppid);
    await writeControlFile(file, { ...good, pid: 2 ** 22 + 12345 });
    expect(await runningAppPid(file)).toBe(null);
    for (const bad of [
      { ...good, token: `!${'A'.repeat(43)}` },
      { ...good, token: `${'A'.repeat(43)}!` },
      { ...good, token: 'A'.repeat(31) },
      { ...good, port: 0 },
      { ...good, version: 2 },
      { ...good, extra: 1 },
    ]) {
      writeFileSync(file, JSON.stringify(bad));
      expect(await readControlFile(file), JSON.stringify(bad).slice(0, 60)).toEqual({
        ok: false,
        reason: `${file} is not a calsync control file`,
      });
      expect(await runningAppPid(file)).toBe(null);
    }
    writeFileSync(file, 'not json');
    expect(await readControlFile(file)).toEqual({ ok: false, reason: `${file} is not JSON` });
  });
});

describe('a command handing its sync to the running app', () => {
  it('gets the app’s run and its progress', async () => {
    const bus = new EngineBus();
    const { file } = await started(async () => {
      bus.emit({
        type: 'sync-progress',
        runId: 4,
        accountId: 'a',
        calendarId: 'c',
        kind: 'incremental',
        pages: 1,
        events: 1,
      });
      return runOf(4);
    }, bus);
    const progress: unknown[] = [];
    const handed = await syncInRunningApp(file, {}, { onProgress: (e) => progress.push(e) });
    expect(handed).toEqual({ ran: true, run: runOf(4) });
    expect(progress).toHaveLength(1);
  });

  it('throws the app’s error as an AppError with its code', async () => {
    const { file } = await started(async () => {
      throw new AppError('storage-error', 'the disk is full');
    });
    const e = await syncInRunningApp(file, {}).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AppError);
    expect([(e as AppError).code, (e as AppError).message]).toEqual(['storage-error', 'the disk is full']);
  });

  it('declines — so the command syncs on its own — when there is no app, a damaged file, a dead process or nobody listening', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'control.json');
    expect(await syncInRunningApp(file, {})).toEqual({ ran: false, reason: 'no calsync app is running' });
    writeFileSync(file, '{"version":1,');
    expect((await syncInRunningApp(file, {})).ran).toBe(false);
    const token = 'y'.repeat(43);
    await writeControlFile(file, { version: 1, pid: 2 ** 22 + 12345, port: 9, token });
    expect(await syncInRunningApp(file, {})).toMatchObject({ ran: false, reason: expect.stringMatching(/is gone/) });
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    await writeControlFile(file, { version: 1, pid: process.ppid, port, token });
    expect(await syncInRunningApp(file, {})).toMatchObject({
      ran: false,
      reason: expect.stringMatching(/ECONNREFUSED/),
    });
  });

  it('declines on a listener that is not the app: a refusal, a line it does not know, a connection dropped before the run', async () => {
    const answers: Array<(res: ServerResponse) => void> = [
      (res) => res.writeHead(401).end('{}'),
      (res) => res.writeHead(200, { 'content-type': 'application/x-ndjson' }).end('{"run":{"id":"1"}}\n'),
      (res) => res.writeHead(200, { 'content-type': 'application/x-ndjson' }).end('<html>\n'),
      (res) => {
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        res.write(
          '{"progress":{"type":"sync-progress","runId":1,"accountId":"a","calendarId":"c","kind":"full","pages":1,"events":1}}\n',
        );
        setTimeout(() => res.destroy(), 20);
      },
    ];
    const { file } = await foreignApp(answers);
    for (const reason of [/HTTP 401/, /does not know/, /not JSON/, /closed the connection/])
      expect(await syncInRunningApp(file, {})).toMatchObject({ ran: false, reason: expect.stringMatching(reason) });
  });

  it('reads lines however the answer is cut into chunks, skips blank ones, and refuses what is not the protocol', async () => {
    const run = JSON.stringify({ run: runOf(9) });
    const progress = JSON.stringify({
      progress: { type: 'sync-progress', runId: 9, accountId: 'a', calendarId: 'c', kind: 'full', pages: 2, events: 5 },
    });
    const ndjson = { 'content-type': 'application/x-ndjson' };
    const answers: Array<(res: ServerResponse) => void> = [
      (res) => {
        res.writeHead(200, ndjson);
        res.write(`\n${progress.slice(0, 20)}`);
        setTimeout(() => res.write(`${progress.slice(20)}\n\n${run.slice(0, 30)}`), 10);
        setTimeout(() => res.end(`${run.slice(30)}\n`), 20);
      },
      (res) => res.writeHead(200, { 'content-type': 'text/html' }).end(`${run}\n`),
      (res) => res.writeHead(201, ndjson).end(`${run}\n`),
      (res) => res.writeHead(200, ndjson).end(`${JSON.stringify({ run: { ...runOf(9), status: 'done' } })}\n`),
      (res) => res.writeHead(200, ndjson).end(`${JSON.stringify({ run: { ...runOf(9), trigger: 'someone' } })}\n`),
      (res) => res.writeHead(200, ndjson).end(`${JSON.stringify({ progress: { type: 'sync-progress', runId: 9 } })}\n`),
      (res) => res.writeHead(200, ndjson).end(`${JSON.stringify({ error: { code: 'no-such-code', message: 'x' } })}\n`),
      (res) => {
        res.writeHead(200, ndjson);
        res.write('x'.repeat(600 * 1024));
        res.write('x'.repeat(600 * 1024));
      },
    ];
    const { file, foreign } = await foreignApp(answers);
    const seen: unknown[] = [];
    expect(await syncInRunningApp(file, { full: true }, { onProgress: (e) => seen.push(e) })).toEqual({
      ran: true,
      run: runOf(9),
    });
    expect(seen).toEqual([JSON.parse(progress).progress]);
    for (const reason of [
      /HTTP 200/,
      /HTTP 201/,
      /does not know/,
      /does not know/,
      /does not know/,
      /does not know/,
      /too long/,
    ])
      expect(await syncInRunningApp(file, {})).toMatchObject({ ran: false, reason: expect.stringMatching(reason) });
    foreign.closeAllConnections();
  });

  it('declines when the app, once connected, goes silent', async () => {
    const { file, foreign: silent } = await foreignApp([
      (res) => res.writeHead(200, { 'content-type': 'application/x-ndjson' }).flushHeaders(),
    ]);
    expect(await syncInRunningApp(file, {}, { silenceMs: 200 })).toEqual({
      ran: false,
      reason: 'the running app went silent',
    });
    silent.closeAllConnections();
  });
});
