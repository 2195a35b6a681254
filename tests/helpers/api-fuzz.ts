// Bad input for every operation of the API contract (src/shared/api.ts):
// arbitrary JSON, and valid inputs with one field broken, a key missing or an
// extra key — plus a digest of everything calsync keeps on disk, to show that
// a refused call wrote nothing.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import fc from 'fast-check';
import { apiInputs, type ApiOp } from '../../src/shared/api';

/** A valid input per operation; the generators break it. */
export const VALID: { [K in ApiOp]: Record<string, unknown> } = {
  status: {},
  syncNow: { full: false },
  listRuns: { limit: 5, status: 'failed' },
  listEvents: { calendarId: 'cal', from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z', limit: 10 },
  listAccounts: {},
  startLogin: { write: false, tasks: false, loginHint: 'ada@example.test' },
  logout: { account: 'nobody@example.test', keepEvents: true },
  listCalendars: {},
  setCalendarEnabled: { calendarId: 'no-such-calendar', enabled: true },
  setCalendarBlocksTime: { calendarId: 'no-such-calendar', blocksTime: true },
  getSettings: {},
  updateSettings: {
    bufferMinutes: 5,
    timeZone: 'Europe/Berlin',
    workingHours: { mon: [['09:00', '17:00']] },
    googleTasks: { import: false, defaultDurationMinutes: 45 },
  },
  setSyncPaused: { paused: false },
  listTasks: { status: 'all' },
  addTask: {
    title: 'Fuzz',
    durationMinutes: 30,
    priority: 2,
    due: '2026-12-01T17:00:00Z',
    minChunkMinutes: 15,
    maxChunkMinutes: 30,
  },
  updateTask: { id: 'no-such-task', patch: { title: 'x', durationMinutes: 45 } },
  deleteTask: { id: 'no-such-task' },
  plan: {},
  listHabits: {},
  addHabit: {
    title: 'Lunch',
    durationMinutes: 60,
    minDurationMinutes: 30,
    frequency: { kind: 'weekdays', days: ['mon', 'fri'] },
    window: { start: '11:30', end: '13:30' },
    priority: 3,
    droppable: true,
  },
  updateHabit: { id: 'no-such-habit', patch: { title: 'x', window: { start: '12:00', end: '14:00' } } },
  deleteHabit: { id: 'no-such-habit' },
  listProposals: { status: 'all' },
  acceptProposals: { ids: ['no-such-block'] },
  rejectProposal: { id: 'no-such-block' },
  acceptMove: { id: 'no-such-block' },
  acceptProposalAt: { id: 'no-such-block', start: '2030-01-07T09:00:00Z', end: '2030-01-07T10:00:00Z' },
  undoDecision: { id: 'no-such-block' },
  supabaseStatus: {},
  supabaseConnect: {
    url: 'http://127.0.0.1:9/',
    anonKey: 'x'.repeat(40),
    workspaceId: '00000000-0000-4000-8000-000000000000',
  },
  supabaseSignIn: { email: 'ada@example.test', password: 'pw' },
  supabaseSendCode: { email: 'ada@example.test' },
  supabaseVerifyCode: { email: 'ada@example.test', code: '123456' },
  supabaseSignOut: {},
  supabaseDisconnect: { signOut: false },
  push: { reconcile: false },
  listMirrorRules: {},
  addMirrorRule: {
    from: 'no-such-calendar',
    to: 'another-calendar',
    showTitle: false,
    visibility: 'private',
    allDay: false,
    bufferBeforeMinutes: 10,
    bufferAfterMinutes: 5,
    horizonDays: 60,
  },
  removeMirrorRule: { id: 'no-such-rule', keepEvents: false },
  insights: { weeksBack: 8, weeksAhead: 2 },
};

export const OPS = Object.keys(apiInputs) as ApiOp[];

/** Operations that reach the network or change sign-ins when their input is valid: fuzzed with refused input only. */
export const OUTWARD: ReadonlySet<ApiOp> = new Set([
  'syncNow',
  'startLogin',
  'logout',
  'supabaseConnect',
  'supabaseSignIn',
  'supabaseSendCode',
  'supabaseVerifyCode',
  'supabaseSignOut',
  'supabaseDisconnect',
  'push',
]);

const hostile = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    null,
    -1,
    0,
    Number.POSITIVE_INFINITY,
    Number.NaN,
    Number.MAX_SAFE_INTEGER + 2,
    '',
    ' ',
    '\u0000',
    '__proto__',
    'constructor',
    '2026-02-30T25:61:00Z',
    'x'.repeat(70_000),
    [],
    {},
    true,
  ),
);

/** One input for `op`: mostly a valid one with one thing wrong, sometimes anything at all. */
export function arbInput(op: ApiOp): fc.Arbitrary<unknown> {
  const valid = VALID[op];
  const keys = Object.keys(valid);
  const broken: Array<fc.Arbitrary<unknown>> = [
    fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), hostile).map(([k, v]) => ({ ...valid, [k]: v })),
    fc.constant(Object.fromEntries(Object.entries(valid).concat([['__proto__', { polluted: true }]]))),
  ];
  if (keys.length) {
    broken.push(fc.tuple(fc.constantFrom(...keys), hostile).map(([k, v]) => ({ ...valid, [k]: v })));
    broken.push(
      fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(valid).filter(([x]) => x !== k))),
    );
  }
  return fc.oneof(
    { arbitrary: fc.oneof(...broken), weight: 3 },
    { arbitrary: hostile, weight: 1 },
    { arbitrary: fc.constant(valid), weight: 1 },
  );
}

export const arbCall = fc.constantFrom(...OPS).chain((op) => arbInput(op).map((input) => ({ op, input })));

export const accepts = (op: ApiOp, input: unknown): boolean => apiInputs[op].safeParse(input ?? {}).success;

/** Everything calsync keeps: each table's rows, config.json, the token file. */
export function stateDigest(db: Database, home: string): string {
  const h = createHash('sha256');
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as Array<{ name: string }>;
  for (const { name } of tables) {
    h.update(`\u0000${name}\u0000`);
    for (const row of db.prepare(`SELECT * FROM "${name}"`).iterate()) h.update(JSON.stringify(row));
  }
  for (const file of ['config.json', 'tokens.json']) {
    const p = path.join(home, file);
    h.update(`\u0000${file}\u0000`);
    if (existsSync(p)) h.update(readFileSync(p));
  }
  return h.digest('hex');
}
