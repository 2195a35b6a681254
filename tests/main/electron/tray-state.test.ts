import { describe, expect, it, vi } from 'vitest';
import { buildTrayMenu, type TrayActions } from '../../../src/main/electron/tray-menu';
import { deriveTrayState, timeAgo } from '../../../src/main/electron/tray-state';
import { account, NOW, STATES, statusReport } from './status-fixtures';

const actions = (): TrayActions => ({
  syncNow: vi.fn(),
  signIn: vi.fn(),
  reviewProposals: vi.fn(),
  setPaused: vi.fn(),
  openWindow: vi.fn(),
  setLaunchAtLogin: vi.fn(),
  quit: vi.fn(),
});

/** The menu as [id, label, enabled] rows; separators as '-'. */
function rows(kind: keyof typeof STATES, launchAtLogin = false) {
  const menu = buildTrayMenu(deriveTrayState(STATES[kind], NOW), launchAtLogin, actions());
  return menu.map((i) => (i.type === 'separator' ? '-' : [i.id, i.label, i.enabled !== false]));
}

describe('tray state', () => {
  it('derives the icon state and the status line from a status snapshot', () => {
    const derived = Object.fromEntries(Object.entries(STATES).map(([k, s]) => [k, deriveTrayState(s, NOW)]));
    expect(Object.fromEntries(Object.entries(derived).map(([k, s]) => [k, [s.kind, s.statusLine]]))).toEqual({
      idle: ['idle', 'Synced 3 minutes ago'],
      syncing: ['syncing', 'Syncing…'],
      error: ['error', 'Sync failed: Google did not answer within 60 s'],
      paused: ['paused', 'Background sync paused (synced 3 minutes ago)'],
      'needs-login': ['needs-login', 'Sign in again: ada@example.test'],
    });
    expect(derived.idle!.tooltip).toBe('calsync: Synced 3 minutes ago');
  });

  it('says "Demo" in the status line and the tooltip of the demo account, and only there', () => {
    const demo = deriveTrayState({ ...STATES.idle, demo: true }, NOW);
    expect([demo.statusLine, demo.tooltip]).toEqual([
      'Demo: Synced 3 minutes ago',
      'calsync (demo): Synced 3 minutes ago',
    ]);
    expect(deriveTrayState({ ...STATES.syncing, demo: true }, NOW).statusLine).toBe('Demo: Syncing…');
    expect(rows('idle')[0]).toEqual(['status', 'Synced 3 minutes ago', false]);
  });

  it('puts a run in progress first, a needed sign-in before a pause, and a pause before an old failure', () => {
    const failedPaused = statusReport({ paused: true, lastRun: STATES.error.lastRun });
    expect(deriveTrayState(failedPaused, NOW).kind).toBe('paused');
    expect(deriveTrayState({ ...STATES['needs-login'], paused: true }, NOW).kind).toBe('needs-login');
    expect(deriveTrayState({ ...STATES['needs-login'], running: { runId: 1, trigger: 'cron' } }, NOW).kind).toBe(
      'syncing',
    );
    expect(deriveTrayState(statusReport({ accounts: [], lastRun: null, lastSuccessAt: null }), NOW)).toMatchObject({
      kind: 'needs-login',
      statusLine: 'Not signed in',
      canSync: false,
    });
  });

  it('says when tokens are not encrypted (basic_text) in the tooltip and the menu', () => {
    const s = deriveTrayState(
      statusReport({ tokenStore: { kind: 'file', protected: false, warning: 'tokens are stored unencrypted' } }),
      NOW,
    );
    expect(s.tooltip).toContain('Tokens are not encrypted on this computer');
    const menu = buildTrayMenu(s, false, actions());
    expect(menu.find((i) => i.id === 'token-warning')).toMatchObject({ enabled: false });
  });

  it('formats elapsed time without dates, so no time zone is involved', () => {
    expect(timeAgo('2026-11-28T11:59:40Z', NOW)).toBe('just now');
    expect(timeAgo('2026-11-28T11:00:00Z', NOW)).toBe('1 hour ago');
    expect(timeAgo('2026-11-28T11:00:01Z', NOW)).toBe('59 minutes ago');
    expect(timeAgo('2026-11-27T12:00:00Z', NOW)).toBe('1 day ago');
    expect(timeAgo('2026-11-20T12:00:00Z', NOW)).toBe('8 days ago');
  });
});

describe('tray menu', () => {
  const tail = [
    ['open', 'Open calsync', true],
    '-',
    ['launch-at-login', 'Launch at login', true],
    '-',
    ['quit', 'Quit calsync', true],
  ];

  it('lists the items with their enabled state for every tray state', () => {
    expect(rows('idle')).toEqual([
      ['status', 'Synced 3 minutes ago', false],
      '-',
      ['sync-now', 'Sync now', true],
      ['review', 'Review 3 proposals…', true],
      '-',
      ['pause', 'Pause background sync', true],
      ...tail,
    ]);
    expect(rows('syncing')).toEqual([
      ['status', 'Syncing…', false],
      '-',
      ['sync-now', 'Sync now', false],
      ['review', 'No proposals to review', false],
      '-',
      ['pause', 'Pause background sync', true],
      ...tail,
    ]);
    expect(rows('error')).toEqual([
      ['status', 'Sync failed: Google did not answer within 60 s', false],
      '-',
      ['sync-now', 'Sync now', true],
      ['review', 'No proposals to review', false],
      '-',
      ['pause', 'Pause background sync', true],
      ...tail,
    ]);
    expect(rows('paused')).toEqual([
      ['status', 'Background sync paused (synced 3 minutes ago)', false],
      '-',
      ['sync-now', 'Sync now', true],
      ['review', 'No proposals to review', false],
      '-',
      ['pause', 'Resume background sync', true],
      ...tail,
    ]);
    expect(rows('needs-login')).toEqual([
      ['status', 'Sign in again: ada@example.test', false],
      '-',
      ['sync-now', 'Sync now', true], // bob's account still syncs
      ['sign-in', 'Sign in to Google…', true],
      ['review', 'No proposals to review', false],
      '-',
      ['pause', 'Pause background sync', true],
      ...tail,
    ]);
  });

  it('wires each item to its action; the checkbox shows and flips launch at login', () => {
    const act = actions();
    const menu = buildTrayMenu(deriveTrayState(STATES.idle, NOW), true, act);
    const click = (id: string) => (menu.find((i) => i.id === id)!.click as () => void)();
    expect(menu.find((i) => i.id === 'launch-at-login')).toMatchObject({ type: 'checkbox', checked: true });
    for (const id of ['sync-now', 'review', 'pause', 'open', 'launch-at-login', 'quit']) click(id);
    expect(act.syncNow).toHaveBeenCalledOnce();
    expect(act.reviewProposals).toHaveBeenCalledOnce();
    expect(act.setPaused).toHaveBeenCalledWith(true);
    expect(act.openWindow).toHaveBeenCalledOnce();
    expect(act.setLaunchAtLogin).toHaveBeenCalledWith(false);
    expect(act.quit).toHaveBeenCalledOnce();

    const paused = buildTrayMenu(deriveTrayState(STATES.paused, NOW), false, act);
    (paused.find((i) => i.id === 'pause')!.click as () => void)();
    expect(act.setPaused).toHaveBeenLastCalledWith(false);
  });

  it('counts one proposal in the singular', () => {
    const one = buildTrayMenu(
      deriveTrayState(statusReport({ proposalsPending: 1, accounts: [account('a@x.test')] }), NOW),
      false,
      actions(),
    );
    expect(one.find((i) => i.id === 'review')!.label).toBe('Review 1 proposal…');
  });
});
