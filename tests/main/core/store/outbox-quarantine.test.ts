// The outbox quarantine: a refused change leaves the queue only at the
// revision that was sent, a later acceptance of the key ends it, and a new
// workspace (or none) starts without it.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../../../src/main/core/store/store';
import { eventRow } from '../../../helpers/event-row';
import { useTempDir } from '../../../helpers/temp-dir';

const tmp = useTempDir();

function open(): Store {
  const store = Store.open(path.join(tmp(), 'c.db'));
  store.accounts.upsert({ id: 'acc', email: 'a@example.test', scopes: [], tokenIssuedAt: 0 }, 0);
  store.calendars.replaceForAccount('acc', [
    { id: 'cal', summary: 'cal', timeZone: 'UTC', accessRole: 'owner', primary: false, color: null },
  ]);
  store.outbox.arm('https://p.example#ws-1', 0);
  return store;
}

describe('outbox quarantine', () => {
  it('takes a change out of the queue at the revision sent, and not a newer one', () => {
    const s = open();
    s.events.upsert('acc', 'cal', eventRow('a', { title: 'one' }), null);
    s.events.upsert('acc', 'cal', eventRow('b'), null);
    const [a, b] = s.outbox.batch('cal', '', 10);
    // b changes after it was read: its refusal is about content that no longer is.
    s.events.upsert('acc', 'cal', eventRow('b', { title: 'changed', etag: '"2"' }), null);
    expect(s.outbox.quarantine.take(a!, 'refused: NUL', 5_000)).toBe(true);
    expect(s.outbox.quarantine.take(b!, 'refused: NUL', 5_000)).toBe(false);
    expect(s.outbox.batch('cal', '', 10).map((e) => e.eventId)).toEqual(['b']);
    expect(s.outbox.quarantine.count()).toBe(1);
    expect(s.outbox.quarantine.list(10)).toEqual([
      {
        calendarId: 'cal',
        eventId: 'a',
        title: 'one',
        op: 'upsert',
        error: 'refused: NUL',
        at: new Date(5_000).toISOString(),
      },
    ]);
    s.close();
  });

  it('ends when the workspace accepts the key again', () => {
    const s = open();
    s.events.upsert('acc', 'cal', eventRow('a'), null);
    s.outbox.quarantine.take(s.outbox.batch('cal', '', 10)[0]!, 'refused', 1);
    s.events.upsert('acc', 'cal', eventRow('a', { title: 'fixed', etag: '"2"' }), null);
    expect(s.outbox.quarantine.count()).toBe(1);
    s.outbox.ack(s.outbox.batch('cal', '', 10));
    expect(s.outbox.quarantine.count()).toBe(0);
    expect(s.outbox.count()).toBe(0);
    s.close();
  });

  it('is emptied by switching workspace and by disconnecting', () => {
    const s = open();
    s.events.upsert('acc', 'cal', eventRow('a'), null);
    s.outbox.quarantine.take(s.outbox.batch('cal', '', 10)[0]!, 'refused', 1);
    s.outbox.arm('https://p.example#ws-1', 2); // same workspace: kept
    expect(s.outbox.quarantine.count()).toBe(1);
    s.outbox.arm('https://p.example#ws-2', 3);
    expect(s.outbox.quarantine.count()).toBe(0);
    s.outbox.quarantine.take(s.outbox.batch('cal', '', 10)[0]!, 'refused', 4);
    expect(s.outbox.quarantine.count()).toBe(1);
    s.outbox.disarm();
    expect(s.outbox.quarantine.count()).toBe(0);
    s.close();
  });
});
