// Bad input through every entry of the API contract, called directly and over
// the loopback HTTP transport of `calsync serve` (POST /api/<op>): never a
// crash or an internal error, a refusal is a `bad-input` error with a message
// naming the operation, both transports answer alike, and a refused call
// leaves the cache, config.json and the token file exactly as they were.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalsyncApp } from '../../src/main/core/app';
import { startServer, type RunningServer } from '../../src/main/server/http-server';
import type { ApiOp, ApiResult } from '../../src/shared/api';
import { toErrorData, type ErrorCode } from '../../src/shared/errors';
import { accepts, arbInput, OPS, OUTWARD, stateDigest } from '../helpers/api-fuzz';
import { startWorld, type World } from '../helpers/world';

let world: World;
let app: CalsyncApp;
let server: RunningServer;

beforeAll(async () => {
  world = await startWorld();
  app = world.app();
  await world.login(app, { write: true });
  await app.sync.request({ trigger: 'cli' });
  await app.api.addTask({ title: 'Existing task', durationMinutes: 60 });
  await app.api.plan({});
  server = await startServer({ api: app.api, events: app.bus, log: app.log, rendererDir: null });
});
afterAll(async () => {
  await server?.close();
  await world?.close();
});

const CODES: ErrorCode[] = [
  'bad-input',
  'unknown-operation',
  'not-found',
  'conflict',
  'locked',
  'needs-login',
  'needs-consent',
  'auth-failed',
  'google-unavailable',
  'google-error',
  'budget-exceeded',
  'supabase-error',
  'not-configured',
  'storage-error',
];

async function direct(op: ApiOp, input: unknown): Promise<ApiResult<unknown>> {
  try {
    return { ok: true, value: await (app.api[op] as (i: unknown) => Promise<unknown>)(input) };
  } catch (e) {
    return { ok: false, error: toErrorData(e) };
  }
}

/** The answer; `body` is null when it is not JSON (a name like ".." leaves /api, and the static files answer). */
function post(
  name: string,
  body: string,
  contentType = 'application/json',
): Promise<{ status: number; body: ApiResult<unknown> | null }> {
  return fetch(`http://127.0.0.1:${server.port}/api/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': contentType },
    body,
  }).then(async (r) => ({
    status: r.status,
    body: r.headers.get('content-type')?.includes('application/json') ? ((await r.json()) as ApiResult<unknown>) : null,
  }));
}

function expectWellFormedError(r: ApiResult<unknown>): void {
  if (r.ok) return;
  // An internal error would be a crash dressed up; every refusal says what was wrong.
  expect(CODES).toContain(r.error.code);
  expect(r.error.message.length).toBeGreaterThan(0);
  expect(r.error.message).not.toMatch(/\n\s+at /);
}

describe('API fuzzing (direct and HTTP)', () => {
  it('refuses bad input for every operation with bad-input and writes nothing; valid input never fails internally', async () => {
    for (const op of OPS) {
      await fc.assert(
        fc.asyncProperty(arbInput(op), async (generated) => {
          // What a transport delivers: JSON has no Infinity (it becomes null, which means "no input").
          const wire = JSON.stringify(generated);
          const input: unknown = JSON.parse(wire);
          const valid = accepts(op, input);
          if (valid && OUTWARD.has(op)) return; // would sign in, sync or push for real
          const before = stateDigest(app.store.db, world.home);
          const d = await direct(op, input);
          const { status, body: h } = await post(op, wire);
          expectWellFormedError(d);
          expect(h).not.toBeNull();
          expectWellFormedError(h!);
          expect(h!.ok).toBe(d.ok);
          if (!d.ok && !h!.ok) expect(h!.error.code).toBe(d.error.code);
          if (!valid) {
            expect(d).toMatchObject({
              ok: false,
              error: { code: 'bad-input', message: expect.stringContaining(`invalid input for ${op}`) },
            });
            expect(status).toBe(400);
          }
          if (!d.ok && !h!.ok)
            expect(stateDigest(app.store.db, world.home), `${op} ${wire.slice(0, 200)}`).toBe(before);
        }),
        { numRuns: 15 },
      );
    }
  }, 120_000);

  it('answers garbage requests (odd names, bodies, types) with an error as data, never a 500, and writes nothing', async () => {
    const name = fc.oneof(
      fc.constantFrom(
        'status',
        'addTask',
        'updateSettings',
        'constructor',
        '__proto__',
        'toString',
        '..%2fstatus',
        '%00',
        'events',
        'status/',
        'hasOwnProperty',
      ),
      fc.stringMatching(/^[A-Za-z0-9._~%-]{0,30}$/),
    );
    const body = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.json(),
      fc.constantFrom('{', '{"title":', 'null', '[]', '"x"', '1e999', '{"__proto__":{"polluted":1}}'),
    );
    const type = fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      '',
    );
    await fc.assert(
      fc.asyncProperty(name, body, type, async (n, b, t) => {
        const before = stateDigest(app.store.db, world.home);
        const r = await post(n, b, t);
        expect(r.status).toBeLessThan(500);
        if (r.body) expectWellFormedError(r.body);
        if (!r.body?.ok) expect(stateDigest(app.store.db, world.home)).toBe(before);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 250 },
    );
  }, 120_000);
});
