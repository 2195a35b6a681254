import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CalsyncApi, StatusReport } from '../../../src/shared/api';
import { EngineBus } from '../../../src/main/core/engine-bus';
import { silentLogger } from '../../../src/main/core/log/logger';
import { TrayController } from '../../../src/main/electron/tray-controller';
import type { TrayActions } from '../../../src/main/electron/tray-menu';
import { resetFakeElectron, Tray } from './fake-electron';
import { NOW, STATES } from './status-fixtures';

vi.mock('electron', () => import('./fake-electron'));

describe('TrayController', () => {
  let current: StatusReport;
  let reads = 0;
  let controller: TrayController | null = null;
  const bus = new EngineBus();
  const api = { status: async () => (reads++, current) } as unknown as CalsyncApi;
  const actions: TrayActions = {
    syncNow: vi.fn(),
    signIn: vi.fn(),
    reviewProposals: vi.fn(),
    setPaused: vi.fn(),
    openWindow: vi.fn(),
    setLaunchAtLogin: vi.fn(),
    quit: vi.fn(),
  };
  const make = (platform: NodeJS.Platform) =>
    (controller = new TrayController({
      api,
      bus,
      log: silentLogger,
      resources: '/res',
      platform,
      actions,
      launchAtLogin: { isEnabled: () => true, setEnabled: vi.fn() },
      now: () => NOW,
    }));

  beforeEach(() => {
    resetFakeElectron();
    reads = 0;
  });
  afterEach(() => controller?.destroy());

  it('redraws icon, tooltip and a new context menu on every engine event that can change the state', async () => {
    current = STATES.idle;
    make('linux');
    const tray = Tray.instances[0]!;
    await controller!.refresh();
    expect(tray.image.path).toBe(path.join('/res', 'tray', 'tray-idle.png'));
    expect(tray.tooltip).toBe('calsync: Synced 3 minutes ago');
    expect(tray.menu!.template[0]).toMatchObject({ id: 'status', label: 'Synced 3 minutes ago' });
    expect(tray.menu!.template.find((i) => i.id === 'launch-at-login')).toMatchObject({ checked: true });

    for (const [kind, status] of Object.entries(STATES)) {
      const before = tray.menusSet;
      current = status;
      bus.emit({ type: 'status-changed' });
      await vi.waitFor(() => expect(tray.menusSet).toBeGreaterThan(before));
      await controller!.refresh();
      expect(tray.image.path).toBe(path.join('/res', 'tray', `tray-${kind}.png`));
      expect(tray.menu!.template[0]!.label).toBe(controller!.state!.statusLine);
    }
  });

  it('ignores progress ticks and folds a burst of events into few status reads', async () => {
    current = STATES.syncing;
    make('linux');
    await controller!.refresh();
    const base = reads;
    bus.emit({ type: 'sync-progress', runId: 8, accountId: 'a', calendarId: 'c', kind: 'full', pages: 1, events: 10 });
    await new Promise((r) => setTimeout(r, 20));
    expect(reads).toBe(base);
    for (let i = 0; i < 20; i++) bus.emit({ type: 'status-changed' });
    await controller!.refresh();
    expect(reads - base).toBeLessThanOrEqual(3);
  });

  it('uses the macOS template images and opens the window on a left click', async () => {
    current = STATES.error;
    make('darwin');
    await controller!.refresh();
    const tray = Tray.instances[0]!;
    expect(tray.image.path).toBe(path.join('/res', 'tray', 'tray-errorTemplate.png'));
    tray.emit('click');
    expect(actions.openWindow).toHaveBeenCalled();
    controller!.destroy();
    controller = null;
    expect(tray.destroyed).toBe(true);
  });
});
