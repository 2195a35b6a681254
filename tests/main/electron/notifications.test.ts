import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CalsyncApi } from '../../../src/shared/api';
import type { Account } from '../../../src/shared/domain';
import { EngineBus } from '../../../src/main/core/engine-bus';
import { silentLogger } from '../../../src/main/core/log/logger';
import { NotificationPolicy } from '../../../src/main/electron/notification-policy';
import { Notifier } from '../../../src/main/electron/notifier';
import { Notification, resetFakeElectron } from './fake-electron';
import { account, run, statusReport } from './status-fixtures';

vi.mock('electron', () => import('./fake-electron'));

describe('notification rules', () => {
  let on = true;
  const policy = () => new NotificationPolicy(() => on);
  beforeEach(() => (on = true));

  it('speaks up when a sync fails twice in a row, once, until a sync succeeds again', () => {
    const p = policy();
    expect(p.runFinished('failed', 'timeout')).toBeNull();
    expect(p.runFinished('skipped', null)).toBeNull(); // another process synced: not a success, not a failure
    expect(p.runFinished('failed', 'Google answered 503')).toEqual({
      title: 'calsync cannot sync',
      body: 'The last two syncs failed: Google answered 503',
      action: 'open',
    });
    expect(p.runFinished('failed', 'again')).toBeNull();
    expect(p.runFinished('succeeded', null)).toBeNull();
    expect(p.runFinished('failed', 'x')).toBeNull();
    expect(p.runFinished('succeeded', null)).toBeNull();
    expect(p.runFinished('failed', 'x')).toBeNull(); // one failure after a success is a blip
  });

  it('asks for a sign-in once per account until it is active again', () => {
    const p = policy();
    const stale = [account('ada@example.test', 'needs-login', 'invalid_grant'), account('bob@example.test')];
    expect(p.accounts(stale)).toEqual([
      {
        title: 'Sign in to Google again',
        body: 'ada@example.test needs a new sign-in before calsync can sync it (invalid_grant).',
        action: 'sign-in',
      },
    ]);
    expect(p.accounts(stale)).toEqual([]);
    expect(p.accounts([account('ada@example.test'), account('bob@example.test')])).toEqual([]);
    expect(p.accounts(stale)).toHaveLength(1); // it lapsed again: news again
  });

  it('announces new proposals at most once per plan, not the ones already waiting, not on accept', () => {
    const p = policy();
    p.seedProposals(2);
    expect(p.proposalsChanged(2)).toBeNull();
    expect(p.proposalsChanged(5)).toEqual({
      title: 'New time blocks proposed',
      body: '3 new proposals to review (5 waiting).',
      action: 'review',
    });
    expect(p.proposalsChanged(5)).toBeNull();
    expect(p.proposalsChanged(4)).toBeNull(); // one accepted
    expect(p.proposalsChanged(5)?.body).toBe('1 new proposal to review (5 waiting).');
  });

  it('stays silent when the notifications setting is off, and does not replay old news when it is turned on', () => {
    const p = policy();
    on = false;
    p.runFinished('failed', 'a');
    expect(p.runFinished('failed', 'b')).toBeNull();
    expect(p.accounts([account('ada@example.test', 'needs-login')])).toEqual([]);
    expect(p.proposalsChanged(3)).toBeNull();
    on = true;
    expect(p.runFinished('failed', 'c')).toBeNull();
    expect(p.accounts([account('ada@example.test', 'needs-login')])).toEqual([]);
    expect(p.proposalsChanged(3)).toBeNull();
  });
});

describe('Notifier', () => {
  let accounts: Account[];
  let notifier: Notifier;
  let enabled = true;
  const actions: string[] = [];
  const bus = new EngineBus();
  const api = {
    status: async () => statusReport({ accounts, proposalsPending: 1 }),
    listAccounts: async () => accounts,
    listRuns: async () => [run(12, 'failed', 'network unreachable'), run(11, 'failed', 'earlier')],
  } as unknown as CalsyncApi;

  beforeEach(async () => {
    resetFakeElectron();
    enabled = true;
    accounts = [account('ada@example.test')];
    notifier = new Notifier({
      api,
      bus,
      log: silentLogger,
      policy: new NotificationPolicy(() => enabled),
      onAction: (a) => actions.push(a),
    });
    await notifier.start();
  });
  afterEach(() => notifier.stop());

  const shown = () => Notification.instances.filter((n) => n.shown).map((n) => n.options.body);

  it('shows desktop notifications from engine events and acts on a click', async () => {
    bus.emit({ type: 'run-finished', runId: 11, status: 'failed' });
    bus.emit({ type: 'run-finished', runId: 12, status: 'failed' });
    await vi.waitFor(() => expect(shown()).toEqual(['The last two syncs failed: network unreachable']));

    accounts = [account('ada@example.test', 'needs-login', 'token revoked')];
    bus.emit({ type: 'status-changed' });
    bus.emit({ type: 'proposals-changed', proposed: 4 });
    bus.emit({ type: 'proposals-changed', proposed: 4 });
    await vi.waitFor(() => expect(shown()).toHaveLength(3));
    expect(shown().slice(1).sort()).toEqual([
      '3 new proposals to review (4 waiting).',
      'ada@example.test needs a new sign-in before calsync can sync it (token revoked).',
    ]);

    for (const n of Notification.instances) n.emit('click');
    expect(actions.sort()).toEqual(['open', 'review', 'sign-in']);
  });

  it('shows nothing with the setting off or where the OS has no notifications', async () => {
    enabled = false;
    bus.emit({ type: 'proposals-changed', proposed: 9 });
    Notification.supported = false;
    enabled = true;
    bus.emit({ type: 'proposals-changed', proposed: 12 });
    await new Promise((r) => setTimeout(r, 20));
    expect(Notification.instances).toEqual([]);
  });
});
