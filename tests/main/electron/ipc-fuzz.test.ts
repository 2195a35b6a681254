// Bad input through the Electron shell's one IPC channel, against the real
// engine: anything structured clone can carry (Dates, Maps, typed arrays,
// BigInts, sparse arrays, cycles, null prototypes) as operation name or
// input. The handler never throws across IPC, refuses with bad-input, and a
// refused call writes nothing.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CalsyncApp } from '../../../src/main/core/app';
import { isApiOp } from '../../../src/main/core/api/validated-api';
import { silentLogger } from '../../../src/main/core/log/logger';
import type { ShellOps } from '../../../src/main/electron/bridge-dispatch';
import { INVOKE_CHANNEL } from '../../../src/main/electron/ipc-channels';
import { registerIpcBridge } from '../../../src/main/electron/ipc-bridge';
import type { ApiResult } from '../../../src/shared/api';
import { accepts, arbInput, OPS, OUTWARD, stateDigest } from '../../helpers/api-fuzz';
import { startWorld, type World } from '../../helpers/world';
import { ipcMain, resetFakeElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const APP_FRAME = { url: 'app://calsync/index.html#/status', parent: null };
let world: World;
let app: CalsyncApp;
let unregister: () => void;
let launchAtLogin = false;

beforeAll(async () => {
  resetFakeElectron();
  world = await startWorld();
  app = world.app();
  await world.login(app);
  await app.sync.request({ trigger: 'cli' });
  await app.api.addTask({ title: 'Existing task', durationMinutes: 60 });
  const shell: ShellOps = {
    shellCapabilities: async () => ({
      host: 'electron',
      launchAtLogin: { supported: true, enabled: launchAtLogin },
      opensLoginPage: true,
    }),
    setLaunchAtLogin: async ({ enabled }) => ({ enabled: (launchAtLogin = enabled) }),
  };
  unregister = registerIpcBridge({ api: app.api, shell, bus: app.bus, log: silentLogger, targets: () => [] });
});
afterAll(async () => {
  unregister?.();
  await world?.close();
});

const invoke = (op: unknown, input: unknown) =>
  ipcMain.handlers.get(INVOKE_CHANNEL)!({ senderFrame: APP_FRAME }, op, input) as Promise<ApiResult<unknown>>;

const cloneable = fc.anything({
  maxDepth: 3,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withBigInt: true,
  withSparseArray: true,
  withNullPrototype: true,
  withBoxedValues: true,
});

function cyclic(): unknown {
  const a: Record<string, unknown> = { full: true };
  a.self = a;
  return a;
}

describe('IPC fuzzing (real engine behind the fake electron)', () => {
  it('answers every call with ApiResult data; refusals are bad-input and write nothing', async () => {
    const call = fc.oneof(
      {
        arbitrary: fc
          .constantFrom(...OPS)
          .chain((op) =>
            fc.tuple(
              fc.constant<unknown>(op),
              fc.oneof(arbInput(op), cloneable, fc.constant(undefined), fc.constant(cyclic())),
            ),
          ),
        weight: 4,
      },
      {
        arbitrary: fc.tuple(
          fc.constantFrom<unknown>('setLaunchAtLogin', 'shellCapabilities'),
          fc.oneof(cloneable, fc.constant({ enabled: true })),
        ),
        weight: 1,
      },
      {
        arbitrary: fc.tuple(
          fc.oneof(cloneable, fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '')),
          cloneable,
        ),
        weight: 1,
      },
    );
    await fc.assert(
      fc.asyncProperty(call, async ([op, input]) => {
        const api = typeof op === 'string' && isApiOp(op) ? op : null;
        if (api && accepts(api, input) && OUTWARD.has(api)) return; // would sign in, sync or push for real
        const before = stateDigest(app.store.db, world.home);
        const r = await invoke(op, input);
        expect(typeof r.ok).toBe('boolean');
        if (r.ok) return;
        expect(r.error.code).not.toBe('internal');
        expect(r.error.message.length).toBeGreaterThan(0);
        if (api && !accepts(api, input))
          expect(r.error).toMatchObject({ code: 'bad-input', message: expect.stringContaining(api) });
        expect(stateDigest(app.store.db, world.home)).toBe(before);
      }),
      { numRuns: 400 },
    );
  }, 120_000);
});
