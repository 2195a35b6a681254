import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../../../src/main/core/store/store';
import { useTempDir } from '../../../helpers/temp-dir';

const tmp = useTempDir();

// A small threshold so a few commits cross it; each commit writes two 4 KiB pages or more.
const THRESHOLD = 8;
const COMMITS = 40;

function opened(): { store: Store; wal: () => number } {
  const file = path.join(tmp(), 'c.db');
  const store = Store.open(file);
  store.db.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, b BLOB)');
  store.db.pragma(`wal_autocheckpoint = ${THRESHOLD}`);
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  return { store, wal: () => statSync(`${file}-wal`).size };
}

function writeCommits(store: Store): void {
  const insert = store.db.prepare('INSERT INTO blobs (b) VALUES (?)');
  for (let i = 0; i < COMMITS; i++) store.transaction(() => insert.run(Buffer.alloc(6000, i)));
}

const threshold = (s: Store) => Number(s.db.pragma('wal_autocheckpoint', { simple: true }));
const pageSize = (s: Store) => Number(s.db.pragma('page_size', { simple: true }));

describe('checkpoint hold', () => {
  it('without a hold the commits checkpoint and the WAL stays near the threshold (the oracle for the held case)', () => {
    const { store, wal } = opened();
    writeCommits(store);
    expect(wal()).toBeLessThan((THRESHOLD + 8) * (pageSize(store) + 24) + 32);
    store.close();
  });

  it('held, no commit checkpoints: every frame stays in the WAL until end, which checkpoints them all', () => {
    const { store, wal } = opened();
    store.checkpoints.begin();
    expect(threshold(store)).toBe(0);
    writeCommits(store);
    // Each commit appended at least its two pages; none was copied out and reset.
    expect(wal()).toBeGreaterThanOrEqual(COMMITS * 2 * pageSize(store));
    store.checkpoints.resume();
    expect(threshold(store)).toBe(THRESHOLD);
    const done = store.checkpoints.checkpoint();
    expect(done).not.toBeNull();
    expect(done!.busy).toBe(false);
    expect(done!.walFrames).toBeGreaterThanOrEqual(COMMITS * 2);
    expect(done!.checkpointed).toBe(done!.walFrames);
    // The rows are all there, read back through the database file.
    expect(store.db.prepare('SELECT count(*) AS n FROM blobs').get()).toEqual({ n: COMMITS });
    store.close();
  });

  it('a second begin while held keeps the threshold of the first, and resume restores it once', () => {
    const { store } = opened();
    store.checkpoints.begin();
    store.checkpoints.begin();
    expect(store.checkpoints.held).toBe(true);
    store.checkpoints.resume();
    expect(threshold(store)).toBe(THRESHOLD);
    expect(store.checkpoints.held).toBe(false);
    store.db.pragma('wal_autocheckpoint = 3');
    store.checkpoints.resume(); // nothing held: changes nothing
    expect(threshold(store)).toBe(3);
    store.close();
  });

  it('does not checkpoint while a hold is on (that hold checkpoints at its end) nor on a closed cache', () => {
    const { store } = opened();
    store.checkpoints.begin();
    writeCommits(store);
    expect(store.checkpoints.checkpoint()).toBeNull();
    store.checkpoints.resume();
    store.close();
    expect(store.checkpoints.checkpoint()).toBeNull();
    expect(() => store.checkpoints.begin()).not.toThrow();
  });
});
