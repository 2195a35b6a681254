// Google Tasks both ways, the pure part: what a queued status change does
// against what Google holds now, checked against a model of the task's
// history at Google (who wrote it since the last import, and what), and the
// import's handling of a task with a change still queued.
import fc from 'fast-check';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../../../src/main/core/store/store';
import { applyImport, type AccountListing } from '../../../../src/main/core/tasks-import/apply-import';
import { decideWrite, wantedStatus } from '../../../../src/main/core/tasks-import/write-decision';
import { useTempDir } from '../../../helpers/temp-dir';

type Status = 'open' | 'done';
/** One write at Google after the last import: by calsync's own earlier send, or by someone at Google. */
type Write = { by: 'calsync' | 'google'; status: Status };

describe('decideWrite', () => {
  it('sends only onto the state calsync last read, never over an edit at Google; settles what Google already holds', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Status>('open', 'done'),
        fc.constantFrom<Status>('open', 'done'),
        fc.array(
          fc.record({
            by: fc.constantFrom<'calsync' | 'google'>('calsync', 'google'),
            status: fc.constantFrom<Status>('open', 'done'),
          }),
          { maxLength: 4 },
        ),
        fc.boolean(),
        (imported, wanted, writes: Write[], deleted) => {
          // Every write at Google changes the etag: etag n after n writes.
          const remoteStatus = writes.at(-1)?.status ?? imported;
          const remote = deleted ? ('gone' as const) : { status: remoteStatus, etag: `"${writes.length}"` };
          const d = decideWrite(wantedStatus(wanted), '"0"', remote);
          // The oracle, from the history rather than from etags.
          const expected = deleted
            ? 'gone'
            : remoteStatus === wanted
              ? 'already'
              : writes.length === 0
                ? 'send'
                : 'conflict';
          expect(d).toBe(expected);
          // Whatever happened, calsync never patches a task someone changed at Google since it read it.
          if (d === 'send') expect(writes).toEqual([]);
        },
      ),
    );
  });

  it('without a base etag the local change is the latest known: it is sent', () => {
    expect(decideWrite('completed', null, { status: 'open', etag: '"9"' })).toBe('send');
  });
});

const tmp = useTempDir();

describe('the import meets a queued status change', () => {
  const DEFAULTS = { durationMinutes: 30, priority: 3 as const, minChunkMinutes: 30, maxChunkMinutes: 120 };
  const item = (etag: string, over: Record<string, unknown> = {}) => ({
    kind: 'tasks#task',
    id: 'g1',
    etag,
    title: 'Report',
    updated: `2026-08-01T10:00:0${etag.length % 10}.000Z`,
    status: 'needsAction',
    ...over,
  });
  const listing = (items: unknown[]): AccountListing => ({
    accountId: 'acc',
    lists: [{ listId: 'L', title: 'L', full: false, items, watermark: '2026-08-01T00:00:00.000Z' }],
    vanished: [],
  });

  /** An imported task completed in calsync, its write queued (Google's etag at import: "e0"). */
  function world() {
    const s = Store.open(path.join(tmp(), `c-${Math.random()}.db`));
    s.accounts.upsert({ id: 'acc', email: 'a@example.test', scopes: [], tokenIssuedAt: 0 }, 0);
    const run = (items: unknown[]) =>
      s.transaction(() => applyImport(s, listing(items), { zone: 'UTC', defaults: DEFAULTS, now: 1000 }));
    run([item('"e0"')]);
    const id = s.tasks.list('all')[0]!.id;
    s.transaction(() => {
      s.db.prepare("UPDATE tasks SET status = 'done' WHERE id = ?").run(id);
      s.googleTaskWrites.queue(s.googleTaskWrites.googleSide(id)!, 'completed', 2000);
    });
    return { s, id, run };
  }

  it('Google unchanged: the local completion stands and stays queued', () => {
    const { s, id, run } = world();
    expect(run([item('"e0"')]).warnings).toEqual([]);
    expect(s.tasks.get(id)!.status).toBe('done');
    expect(s.googleTaskWrites.get(id)).toMatchObject({ status: 'completed', baseEtag: '"e0"' });
    s.close();
  });

  it('completed at Google too: settled, done, nothing to say', () => {
    const { s, id, run } = world();
    expect(run([item('"e1"', { status: 'completed' })]).warnings).toEqual([]);
    expect(s.tasks.get(id)!.status).toBe('done');
    expect(s.googleTaskWrites.get(id)).toBeNull();
    s.close();
  });

  it("renamed at Google: Google's fields win (open again, new title), said once", () => {
    const { s, id, run } = world();
    const first = run([item('"e1"', { title: 'Report v2' })]);
    expect(first.warnings).toEqual([expect.stringMatching(/"Report v2" was completed in calsync .* open here again/)]);
    expect(s.tasks.get(id)).toMatchObject({ title: 'Report v2', status: 'open' });
    expect(s.googleTaskWrites.get(id)).toBeNull();
    expect(run([item('"e1"', { title: 'Report v2' })]).warnings).toEqual([]);
    s.close();
  });
});
