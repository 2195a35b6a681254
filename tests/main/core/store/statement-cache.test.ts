import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { prepared } from '../../../../src/main/core/store/statement-cache';
import { Store } from '../../../../src/main/core/store/store';
import { useTempDir } from '../../../helpers/temp-dir';

const tmp = useTempDir();

describe('statement cache', () => {
  it('one statement per connection and SQL text, each connection its own', () => {
    const a = new Database(':memory:');
    const b = new Database(':memory:');
    a.exec('CREATE TABLE t (x)');
    b.exec('CREATE TABLE t (x)');
    const sql = 'INSERT INTO t (x) VALUES (?)';
    expect(prepared(a, sql)).toBe(prepared(a, sql));
    expect(prepared(a, sql)).not.toBe(prepared(b, sql));
    expect(prepared(a, 'SELECT count(*) FROM t')).not.toBe(prepared(a, sql));
    prepared(a, sql).run(1);
    prepared(a, sql).run(2);
    prepared(b, sql).run(3);
    expect(prepared(a, 'SELECT x FROM t ORDER BY x').pluck().all()).toEqual([1, 2]);
    expect(prepared(b, 'SELECT x FROM t ORDER BY x').pluck().all()).toEqual([3]);
    a.close();
    b.close();
  });

  it("the calendars and run-log repos prepare each of a sync run's statements once", () => {
    const s = Store.open(path.join(tmp(), 'c.db'));
    s.accounts.upsert({ id: 'acc', email: 'a@example.test', scopes: [], tokenIssuedAt: 0 }, 0);
    s.calendars.replaceForAccount('acc', [
      { id: 'cal', summary: 'Work', timeZone: 'UTC', accessRole: 'owner', primary: true, color: null },
    ]);
    const runOnce = (i: number) => {
      const runId = s.runs.create({ trigger: 'cli', kind: 'incremental', owner: 'me' }, i);
      s.runs.startCalendar(runId, 'acc', 'cal', 'incremental');
      s.calendars.get('acc', 'cal');
      s.calendars.list('acc');
      s.runs.addCalendarCounts(runId, 'acc', 'cal', { inserted: 1, updated: 2, deleted: 3, skipped: 0, pages: 1 });
      s.calendars.setSyncToken('acc', 'cal', `t${i}`, i);
      s.runs.finishCalendar(runId, 'acc', 'cal', 'succeeded', null);
      s.runs.addStats(runId, { apiCalls: 1, retries: 0 });
      s.runs.finish(runId, 'succeeded', null, i + 1);
      return runId;
    };
    runOnce(1);
    const prepare = vi.spyOn(s.db, 'prepare');
    const runId = runOnce(2);
    expect(prepare).not.toHaveBeenCalled();
    prepare.mockRestore();
    // The cached statements wrote what the uncached ones would have.
    expect(s.calendars.get('acc', 'cal')).toMatchObject({ syncToken: 't2', lastSyncedAt: new Date(2).toISOString() });
    expect(s.runs.get(runId)).toMatchObject({
      status: 'succeeded',
      pages: 1,
      apiCalls: 1,
      calendars: [{ calendarId: 'cal', inserted: 1, updated: 2, deleted: 3, pages: 1, status: 'succeeded' }],
    });
    s.close();
  });
});
