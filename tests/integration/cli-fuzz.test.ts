// Random command lines against the bundled `calsync` (DESIGN.md §6): exit
// 0/1/2/3 only, never a stack trace; a failure (1) or a skip (3) says why in
// one line; a usage error (2) writes nothing — the cache, config.json and the
// token file stay as they were.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateDigest } from '../helpers/api-fuzz';
import { startWorld, type World } from '../helpers/world';

let world: World;

beforeAll(async () => {
  world = await startWorld({ tuning: { loginTimeoutMs: 300 } });
  const app = world.app();
  await world.login(app, { write: true });
  await app.sync.request({ trigger: 'cli' });
  await app.api.addTask({ title: 'Existing', durationMinutes: 60 });
  await app.api.plan({});
  await app.close();
});
afterAll(() => world?.close());

const COMMANDS = [
  ['sync'],
  ['runs'],
  ['status'],
  ['events'],
  ['accounts'],
  ['logout'],
  ['calendars'],
  ['calendars', 'enable'],
  ['calendars', 'disable'],
  ['calendars', 'busy'],
  ['calendars', 'free'],
  ['config', 'get'],
  ['config', 'set'],
  ['config', 'set', 'timeZone'],
  ['config', 'set', 'workingHours'],
  ['tasks'],
  ['tasks', 'add'],
  ['tasks', 'done'],
  ['plan'],
  ['proposals'],
  ['accept'],
  ['reject'],
  ['supabase', 'connect'],
  ['supabase', 'login'],
  ['supabase', 'logout'],
  ['supabase', 'disconnect'],
  ['supabase', 'status'],
  ['push'],
  ['login', '--no-open'],
  [],
];
const FLAGS = [
  '--json',
  '--full',
  '--limit',
  '--calendar',
  '--from',
  '--to',
  '--title',
  '--duration',
  '--priority',
  '--due',
  '--earliest',
  '--min-chunk',
  '--max-chunk',
  '--notes',
  '--all',
  '--account',
  '--keep-events',
  '--url',
  '--anon-key',
  '--workspace',
  '--email',
  '--code',
  '--send-code',
  '--password-stdin',
  '--logout',
  '--reconcile',
  '--write',
  '--help',
  '-x',
  '--',
  '--bogus',
];
const value = fc.oneof(
  fc.string({ maxLength: 30 }).map((s) => s.replace(/\0/g, '')), // argv cannot carry NUL
  fc.constantFrom(
    '0',
    '-1',
    '1.5',
    '15',
    '99999999999999999999',
    'NaN',
    '2026-13-45T99:00',
    '2026-12-01T09:00:00Z',
    '{"mon":[["09:00","17:00"]]}',
    '{"mon":[["17:00","09:00"]]}',
    'Mars/Base',
    '"Europe/Berlin"',
    '../../etc/passwd',
    'x'.repeat(5_000),
    '$(reboot)',
    '€😀',
    '',
  ),
);
const argv = fc
  .tuple(fc.constantFrom(...COMMANDS), fc.array(fc.oneof(fc.constantFrom(...FLAGS), value), { maxLength: 5 }))
  .map(([cmd, rest]) => [...cmd, ...rest]);

const digest = () => {
  const db = new Database(path.join(world.home, 'calsync.db'), { readonly: true });
  try {
    return stateDigest(db, world.home);
  } finally {
    db.close();
  }
};

describe('CLI fuzzing', () => {
  it('any command line exits 0/1/2/3 without a stack trace; failures say why in one line; usage errors write nothing', async () => {
    const codes = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(argv, async (args) => {
        if (args[0] === 'serve') return; // runs until stopped, by design
        const before = digest();
        const r = await world.cli(args, { env: { CALSYNC_LOG_LEVEL: 'silent' }, killAfterMs: 30_000 });
        const what = `calsync ${JSON.stringify(args).slice(0, 300)} → ${r.code}\n${r.stderr}`;
        expect(r.signal, what).toBeNull();
        expect([0, 1, 2, 3], what).toContain(r.code);
        codes.set(r.code!, (codes.get(r.code!) ?? 0) + 1);
        expect(r.stderr, what).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
        if (r.code === 1 || r.code === 3)
          expect(r.stderr.trim().split('\n'), what).toEqual([expect.stringMatching(/^calsync: \S/)]);
        if (r.code === 2) {
          expect(r.stderr.trim().length, what).toBeGreaterThan(0);
          expect(digest(), what).toBe(before);
        }
      }),
      { numRuns: Number(process.env.CLI_FUZZ_RUNS ?? 36) },
    );
    // The generator reaches usage errors and real work alike.
    expect(codes.get(2) ?? 0).toBeGreaterThan(3);
    // One CLI process per run, each a second or more on a loaded CI machine.
  }, 400_000);
});
