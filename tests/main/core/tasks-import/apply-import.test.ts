// Writing a Google Tasks listing into the cache: inserts with the defaults,
// updates only what Google owns, deletions, moves between lists, full-listing
// reconciliation, vanished lists, dismissed tasks, dues that follow the zone,
// and a repeat that changes nothing.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../../../src/main/core/store/store';
import {
  applyImport,
  type AccountListing,
  type ListListing,
} from '../../../../src/main/core/tasks-import/apply-import';
import { useTempDir } from '../../../helpers/temp-dir';

const tmp = useTempDir();
const DEFAULTS = { durationMinutes: 45, priority: 3 as const, minChunkMinutes: 30, maxChunkMinutes: 120 };
const WM = '2026-08-01T00:00:00.000Z';

function store(): Store {
  const s = Store.open(path.join(tmp(), 'c.db'));
  s.accounts.upsert({ id: 'acc', email: 'a@example.test', scopes: [], tokenIssuedAt: 0 }, 0);
  return s;
}

let etag = 0;
const task = (id: string, over: Record<string, unknown> = {}) => ({
  kind: 'tasks#task',
  id,
  etag: `"${++etag}"`,
  title: id,
  updated: `2026-08-01T10:00:${String(etag % 60).padStart(2, '0')}.000Z`,
  status: 'needsAction',
  ...over,
});
const list = (listId: string, items: unknown[], full = true): ListListing => ({
  listId,
  title: listId,
  full,
  items,
  watermark: WM,
});
const listing = (lists: ListListing[], vanished: string[] = []): AccountListing => ({
  accountId: 'acc',
  lists,
  vanished,
});

function run(s: Store, l: AccountListing, zone = 'Europe/Berlin') {
  return s.transaction(() => applyImport(s, l, { zone, defaults: DEFAULTS, now: 1000 }));
}

const byTitle = (s: Store) => Object.fromEntries(s.tasks.list('all').map((t) => [t.title, t]));

describe('applyImport', () => {
  it('inserts tasks with the default duration, P3 and the external id; a repeat changes nothing', () => {
    const s = store();
    const a = task('A', { due: '2026-08-05T00:00:00.000Z', notes: 'n' });
    const b = task('B', { status: 'completed' });
    expect(run(s, listing([list('L1', [a]), list('L2', [b])]))).toMatchObject({ inserted: 2, updated: 0, deleted: 0 });
    const t = byTitle(s);
    expect(t.A).toMatchObject({
      source: 'google',
      externalId: 'acc:A',
      durationMinutes: 45,
      priority: 3,
      notes: 'n',
      due: '2026-08-05T22:00:00.000Z',
      status: 'open',
      minChunkMinutes: 30,
      maxChunkMinutes: 120,
    });
    expect(t.B).toMatchObject({ status: 'done', externalId: 'acc:B' });
    expect(run(s, listing([list('L1', [a]), list('L2', [b])]))).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
    expect(s.tasks.list('all')).toHaveLength(2);
    expect(s.googleTasks.lists('acc')).toEqual([
      { id: 'L1', title: 'L1', watermark: WM, fullListedAt: 1000 },
      { id: 'L2', title: 'L2', watermark: WM, fullListedAt: 1000 },
    ]);
  });

  it('a change at Google overwrites title, notes, due and status only: duration, priority, chunks and earliest stay', () => {
    const s = store();
    run(s, listing([list('L1', [task('A')])]));
    const id = byTitle(s).A!.id;
    s.tasks.update(
      id,
      {
        title: 'A',
        notes: null,
        durationMinutes: 120,
        priority: 1,
        due: null,
        earliest: '2026-08-02T08:00:00.000Z',
        minChunkMinutes: 60,
        maxChunkMinutes: 60,
        status: 'open',
      },
      2,
    );
    expect(
      run(
        s,
        listing([
          list(
            'L1',
            [task('A', { title: 'A renamed', notes: 'x', due: '2026-08-09T00:00:00.000Z', status: 'completed' })],
            false,
          ),
        ]),
      ),
    ).toMatchObject({ updated: 1 });
    expect(s.tasks.get(id)).toMatchObject({
      title: 'A renamed',
      notes: 'x',
      due: '2026-08-09T22:00:00.000Z',
      status: 'done',
      durationMinutes: 120,
      priority: 1,
      earliest: '2026-08-02T08:00:00.000Z',
      minChunkMinutes: 60,
      maxChunkMinutes: 60,
    });
  });

  it('an unchanged etag leaves local edits of any field alone', () => {
    const s = store();
    const a = task('A');
    run(s, listing([list('L1', [a])]));
    const id = byTitle(s).A!.id;
    s.tasks.update(
      id,
      {
        title: 'my title',
        notes: null,
        durationMinutes: 30,
        priority: 2,
        due: null,
        earliest: null,
        minChunkMinutes: 30,
        maxChunkMinutes: 120,
        status: 'done',
      },
      2,
    );
    run(s, listing([list('L1', [a])]));
    expect(s.tasks.get(id)).toMatchObject({ title: 'my title', status: 'done' });
  });

  it('deleted at Google → removed with its open proposals; dismissed locally → not imported again until Google deletes it', () => {
    const s = store();
    run(s, listing([list('L1', [task('A'), task('B')])]));
    const a = byTitle(s).A!;
    s.proposals.replaceProposed([{ id: 'p1', taskId: a.id, start: 1, end: 2 }], 1);
    expect(run(s, listing([list('L1', [task('A', { deleted: true })], false)]))).toMatchObject({ deleted: 1 });
    expect(s.tasks.get(a.id)).toBeNull();
    expect(s.proposals.get('p1')).toBeNull();

    const b = byTitle(s).B!;
    s.tasks.delete(b.id);
    s.googleTasks.dismiss('acc:B', 1);
    expect(run(s, listing([list('L1', [task('B', { title: 'B edited' })])]))).toMatchObject({ inserted: 0 });
    expect(s.tasks.list('all')).toEqual([]);
    run(s, listing([list('L1', [task('B', { deleted: true })])]));
    expect(s.googleTasks.isDismissed('acc:B')).toBe(false);
  });

  it('a full listing removes what it no longer contains; an incremental one does not', () => {
    const s = store();
    run(s, listing([list('L1', [task('A'), task('B')]), list('L2', [task('C')])]));
    expect(run(s, listing([list('L1', [], false), list('L2', [], false)]))).toMatchObject({ deleted: 0 });
    expect(run(s, listing([list('L1', [task('A')], true), list('L2', [], false)]))).toMatchObject({ deleted: 1 });
    expect(Object.keys(byTitle(s)).sort()).toEqual(['A', 'C']);
  });

  it('a vanished list takes its tasks with it; a task moved to another list survives whatever the order', () => {
    const s = store();
    run(s, listing([list('L1', [task('A'), task('M')]), list('L2', [task('C')])]));
    // M moved from L1 to L2: L1 reports it deleted, L2 has it.
    expect(
      run(
        s,
        listing([
          list('L1', [task('M', { deleted: true })], false),
          list('L2', [task('M', { title: 'M moved' })], false),
        ]),
      ),
    ).toMatchObject({ deleted: 0, updated: 1 });
    expect(byTitle(s)['M moved']).toBeDefined();
    expect(run(s, listing([list('L2', [], false)], ['L1']))).toMatchObject({ deleted: 1 });
    expect(Object.keys(byTitle(s)).sort()).toEqual(['C', 'M moved']);
    expect(s.googleTasks.lists('acc').map((l) => l.id)).toEqual(['L2']);
  });

  it('dues follow a new zone unless the user set the due themselves', () => {
    const s = store();
    run(
      s,
      listing([
        list('L1', [task('A', { due: '2026-08-05T00:00:00.000Z' }), task('B', { due: '2026-08-05T00:00:00.000Z' })]),
      ]),
      'Europe/Berlin',
    );
    const b = byTitle(s).B!;
    s.tasks.update(
      b.id,
      {
        title: 'B',
        notes: null,
        durationMinutes: 45,
        priority: 3,
        due: '2026-08-07T12:00:00.000Z',
        earliest: null,
        minChunkMinutes: 30,
        maxChunkMinutes: 120,
        status: 'open',
      },
      2,
    );
    expect(run(s, listing([list('L1', [], false)]), 'America/New_York')).toMatchObject({ updated: 1 });
    expect(byTitle(s).A!.due).toBe('2026-08-06T04:00:00.000Z');
    expect(byTitle(s).B!.due).toBe('2026-08-07T12:00:00.000Z');
  });

  it('items that cannot be read are counted as skipped, the rest imported', () => {
    const s = store();
    expect(run(s, listing([list('L1', [null, { title: 'no id' }, 42, task('A')])]))).toMatchObject({
      inserted: 1,
      skipped: 3,
    });
  });
});
