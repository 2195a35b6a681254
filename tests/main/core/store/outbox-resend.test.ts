// The cache side of re-sending a withdrawn calendar (store/outbox-resend.ts):
// the state handed to the decision, the calendars it picks queued again
// (one row per key, queued changes kept), the marks remembered in the same
// transaction, per workspace, and nothing at all once disconnected.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planResend } from '../../../../src/main/core/push/resend-plan';
import type { ResendState } from '../../../../src/main/core/store/outbox-resend';
import { Store } from '../../../../src/main/core/store/store';
import { eventRow } from '../../../helpers/event-row';
import { useTempDir } from '../../../helpers/temp-dir';

const tmp = useTempDir();
const WS = 'https://p.example#ws';

/** Two accounts sharing "team" (cached twice), "solo" of one account, "off" disabled; the backfill sent. */
function armedStore(): Store {
  const store = Store.open(path.join(tmp(), 'c.db'));
  const cal = (id: string) => ({ id, summary: id, timeZone: 'UTC', accessRole: 'owner', primary: false, color: null });
  for (const acc of ['acc1', 'acc2']) {
    store.accounts.upsert({ id: acc, email: `${acc}@example.test`, scopes: [], tokenIssuedAt: 0 }, 0);
    store.calendars.replaceForAccount(acc, acc === 'acc1' ? [cal('team'), cal('solo'), cal('off')] : [cal('team')]);
  }
  store.transaction(() => {
    for (const acc of ['acc1', 'acc2'])
      for (const id of ['t1', 't2', 't3']) store.events.insert(acc, 'team', eventRow(id), null);
    for (const id of ['s1', 's2']) store.events.insert('acc1', 'solo', eventRow(id), null);
    store.events.insert('acc1', 'off', eventRow('o1'), null);
  });
  store.calendars.setEnabled('acc1', 'off', false);
  store.outbox.arm(WS, 0);
  for (const c of store.outbox.calendars()) store.outbox.ack(store.outbox.batch(c, '', 1_000));
  expect(store.outbox.count()).toBe(0);
  return store;
}

const queuedKeys = (store: Store) =>
  store.outbox.calendars().flatMap((c) => store.outbox.batch(c, '', 1_000).map((e) => `${c}/${e.eventId}/${e.op}`));

describe('ResendRepo', () => {
  it('hands the decision what was seen and what is synced, queues the picked calendars once per key, and remembers the marks', () => {
    const store = armedStore();
    const states: ResendState[] = [];
    const decide = (marks: Record<string, string>) => (s: ResendState) => (states.push(s), planResend({ marks, ...s }));

    expect(store.outbox.resend.resend(WS, decide({ team: '1@a', off: '1@a', gone: '4@a' }))).toBe(3);
    expect(states[0]).toEqual({ seen: {}, synced: new Set(['team', 'solo']) });
    expect(queuedKeys(store)).toEqual(['team/t1/upsert', 'team/t2/upsert', 'team/t3/upsert']);
    // An upsert reads the cached row at push time: each key's row is a real event.
    expect(store.outbox.batch('team', '', 10).every((e) => e.event?.id === e.eventId)).toBe(true);

    // Seen: the same marks queue nothing; a moved mark queues that calendar, keeping what is queued already.
    store.events.upsert(
      'acc1',
      'solo',
      eventRow('s1', { title: 'changed', updated: '2026-02-01T00:00:00.000Z' }),
      null,
    );
    expect(store.outbox.resend.resend(WS, decide({ team: '1@a', off: '1@a', gone: '4@a' }))).toBe(0);
    expect(states[1]!.seen).toEqual({ team: '1@a', off: '1@a', gone: '4@a' });
    const before = store.outbox.batch('solo', '', 10).map((e) => e.rev);
    expect(store.outbox.resend.resend(WS, decide({ team: '1@a', solo: '1@b' }))).toBe(1);
    expect(store.outbox.batch('solo', '', 10).map((e) => [e.eventId, e.rev])).toEqual([
      ['s1', before[0]],
      ['s2', 1],
    ]);
    store.close();
  });

  it('queues nothing and remembers nothing once the outbox is no longer armed for the workspace, and forgets marks of another workspace', () => {
    const store = armedStore();
    expect(
      store.outbox.resend.resend('https://p.example#other', (s) => planResend({ marks: { team: '1@a' }, ...s })),
    ).toBe(-1);
    store.outbox.resend.resend(WS, (s) => planResend({ marks: { team: '1@a' }, ...s }));
    store.outbox.arm('https://p.example#other', 1);
    let seen: Record<string, string> | null = null;
    store.outbox.resend.resend('https://p.example#other', (s) => ((seen = s.seen), planResend({ marks: {}, ...s })));
    expect(seen).toEqual({});
    store.outbox.disarm();
    expect(
      store.outbox.resend.resend('https://p.example#other', () => {
        throw new Error('not asked while disarmed');
      }),
    ).toBe(-1);
    store.close();
  });

  it('the marks seen are kept per workspace: another workspace starts from none', () => {
    const store = armedStore();
    expect(store.outbox.resend.resend(WS, (s) => planResend({ marks: { solo: '1@a' }, ...s }))).toBe(2);
    expect(store.outbox.resend.resend(WS, (s) => planResend({ marks: { solo: '1@a' }, ...s }))).toBe(0);
    store.outbox.ack(store.outbox.batch('solo', '', 100));
    store.db.prepare('UPDATE outbox_withdrawals_seen SET target = ?').run('https://p.example#other');
    expect(store.outbox.resend.resend(WS, (s) => planResend({ marks: { solo: '1@a' }, ...s }))).toBe(2);
    store.close();
  });
});
