// One account's import against a scripted TasksSource: the watermark it sends,
// the weekly full listing, no scope → needs-consent without a call, a failure
// part-way writes nothing, a lost lease writes nothing, and the status lines.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Settings } from '../../../../src/shared/domain';
import { defaultSettings } from '../../../../src/main/core/config/defaults';
import { parseTuning } from '../../../../src/main/core/config/tuning';
import { GoogleCallError } from '../../../../src/main/core/google/google-errors';
import { SCOPES } from '../../../../src/main/core/google/scopes';
import { TasksConsentError, type TasksSource } from '../../../../src/main/core/google/tasks-source';
import { silentLogger } from '../../../../src/main/core/log/logger';
import { Store } from '../../../../src/main/core/store/store';
import {
  FULL_LISTING_EVERY_MS,
  TaskImporter,
  taskImportProblems,
  WATERMARK_OVERLAP_MS,
} from '../../../../src/main/core/tasks-import/task-importer';
import { useTempDir } from '../../../helpers/temp-dir';

const tmp = useTempDir();
const T0 = Date.parse('2026-08-03T09:00:00Z');

interface Scripted extends TasksSource {
  calls: Array<{ listId: string; updatedMin: string | null }>;
  lists: Array<{ id: string; title: string }>;
  tasks: Record<string, unknown[]>;
  failOn?: string;
}

function scripted(): Scripted {
  const s: Scripted = {
    calls: [],
    lists: [
      { id: 'L1', title: 'One' },
      { id: 'L2', title: 'Two' },
    ],
    tasks: { L1: [{ id: 'a', title: 'a', etag: '"1"' }], L2: [{ id: 'b', title: 'b', etag: '"2"' }] },
    listTaskLists: async () => s.lists,
    listTasks: async (listId, updatedMin) => {
      s.calls.push({ listId, updatedMin });
      if (s.failOn === listId)
        throw new GoogleCallError('tasks.list', {
          kind: 'retryable',
          status: 500,
          reason: 'backendError',
          message: 'Backend Error',
          retryAfterMs: null,
        });
      return { items: s.tasks[listId] ?? [], pages: 1 };
    },
  };
  return s;
}

function setup(opts: { scopes?: string[]; on?: boolean } = {}) {
  const store = Store.open(path.join(tmp(), 'c.db'));
  const scopes = opts.scopes ?? ['openid', ...SCOPES.calendarRead, ...SCOPES.tasksRead];
  store.accounts.upsert({ id: 'acc', email: 'a@example.test', scopes, tokenIssuedAt: 0 }, 0);
  const settings: Settings = {
    ...defaultSettings(),
    timeZone: 'UTC',
    googleTasks: { import: opts.on ?? true, defaultDurationMinutes: 60 },
  };
  const source = scripted();
  let now = T0;
  let sourceCalls = 0;
  const importer = new TaskImporter({
    store,
    log: silentLogger,
    clock: { now: () => now },
    tuning: parseTuning(undefined),
    sleep: async () => undefined,
    random: () => 0,
    settings: () => settings,
    sourceFor: async () => {
      sourceCalls++;
      return source;
    },
  });
  const account = () => store.accounts.get('acc')!;
  const stats = { apiCalls: 0, retries: 0 };
  const runImport = (stillOwner = true) =>
    importer.importAccount(
      account(),
      store.runs.create({ trigger: 'cli', kind: 'incremental', owner: 't' }, now),
      stats,
      () => stillOwner,
    );
  return { store, settings, source, runImport, advance: (ms: number) => (now += ms), sourceCalls: () => sourceCalls };
}

describe('TaskImporter', () => {
  it('lists in full the first time, then from the watermark (listing start minus the overlap), and in full again after a week', async () => {
    const w = setup();
    expect(await w.runImport()).toMatchObject({ status: 'succeeded', kind: 'full', lists: 2, inserted: 2 });
    expect(w.source.calls).toEqual([
      { listId: 'L1', updatedMin: null },
      { listId: 'L2', updatedMin: null },
    ]);
    expect(w.store.tasks.list().map((t) => [t.title, t.durationMinutes])).toEqual([
      ['a', 60],
      ['b', 60],
    ]);
    w.advance(3_600_000);
    w.source.calls.length = 0;
    expect(await w.runImport()).toMatchObject({ status: 'succeeded', kind: 'incremental', inserted: 0, updated: 0 });
    const wm = new Date(T0 - WATERMARK_OVERLAP_MS).toISOString();
    expect(w.source.calls).toEqual([
      { listId: 'L1', updatedMin: wm },
      { listId: 'L2', updatedMin: wm },
    ]);
    w.advance(FULL_LISTING_EVERY_MS);
    w.source.calls.length = 0;
    expect(await w.runImport()).toMatchObject({ kind: 'full' });
    expect(w.source.calls.every((c) => c.updatedMin === null)).toBe(true);
  });

  it('a new list is listed in full while the others stay incremental; a list gone at Google takes its tasks', async () => {
    const w = setup();
    await w.runImport();
    w.advance(60_000);
    w.source.lists = [
      { id: 'L1', title: 'One' },
      { id: 'L3', title: 'Three' },
    ];
    w.source.tasks.L3 = [{ id: 'c', title: 'c' }];
    w.source.calls.length = 0;
    expect(await w.runImport()).toMatchObject({ kind: 'full', inserted: 1, deleted: 1 });
    expect(w.source.calls.map((c) => [c.listId, c.updatedMin === null])).toEqual([
      ['L1', false],
      ['L3', true],
    ]);
    expect(w.store.tasks.list().map((t) => t.title)).toEqual(['a', 'c']);
  });

  it('off in settings: no call, nothing recorded', async () => {
    const w = setup({ on: false });
    expect(await w.runImport()).toBeNull();
    expect(w.sourceCalls()).toBe(0);
    expect(w.store.googleTasks.latestImport('acc')).toBeNull();
  });

  it('an account without the Tasks scope: needs-consent with the command to run, no call to Google', async () => {
    const w = setup({ scopes: ['openid', ...SCOPES.calendarRead] });
    const r = await w.runImport();
    expect(r).toMatchObject({ status: 'needs-consent', error: expect.stringContaining('calsync login --tasks') });
    expect(w.sourceCalls()).toBe(0);
    expect(taskImportProblems(w.store, w.settings)).toEqual([expect.stringContaining('calsync login --tasks')]);
  });

  it('Google refusing the scope (403 insufficientPermissions) is needs-consent too', async () => {
    const w = setup();
    w.source.listTaskLists = async () => {
      throw new TasksConsentError('a@example.test');
    };
    expect(await w.runImport()).toMatchObject({
      status: 'needs-consent',
      error: expect.stringContaining('calsync login --tasks'),
    });
  });

  it('a failure part-way writes nothing and keeps the watermarks; the next import converges', async () => {
    const w = setup();
    await w.runImport();
    w.advance(60_000);
    w.source.tasks.L1 = [{ id: 'a', title: 'a2', etag: '"3"' }];
    w.source.tasks.L2 = [{ id: 'b', title: 'b2', etag: '"4"' }];
    w.source.failOn = 'L2';
    const before = w.store.googleTasks.lists('acc');
    expect(await w.runImport()).toMatchObject({
      status: 'failed',
      inserted: 0,
      updated: 0,
      error: expect.stringContaining('HTTP 500'),
    });
    expect(w.store.tasks.list().map((t) => t.title)).toEqual(['a', 'b']);
    expect(w.store.googleTasks.lists('acc')).toEqual(before);
    expect(taskImportProblems(w.store, w.settings)).toEqual([
      expect.stringMatching(/last Google Tasks import of a@example.test failed .*HTTP 500/),
    ]);
    w.source.failOn = undefined;
    w.source.calls.length = 0;
    expect(await w.runImport()).toMatchObject({ status: 'succeeded', updated: 2 });
    expect(w.source.calls.every((c) => c.updatedMin === before[0]!.watermark)).toBe(true);
    expect(w.store.tasks.list().map((t) => t.title)).toEqual(['a2', 'b2']);
    expect(taskImportProblems(w.store, w.settings)).toEqual([]);
  });

  it('a process that lost its lease while listing writes nothing', async () => {
    const w = setup();
    expect(await w.runImport(false)).toMatchObject({ status: 'failed', error: expect.stringContaining('lease') });
    expect(w.store.tasks.list()).toEqual([]);
    expect(w.store.googleTasks.lists('acc')).toEqual([]);
  });
});
