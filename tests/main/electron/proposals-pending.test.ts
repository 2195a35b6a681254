// The tray's "Review N proposals…" item and the new-proposals notification,
// fed by a real engine: the count is the number of proposed blocks in the
// cache, not a constant.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CalsyncApp } from '../../../src/main/core/app';
import { silentLogger } from '../../../src/main/core/log/logger';
import { NotificationPolicy } from '../../../src/main/electron/notification-policy';
import { Notifier } from '../../../src/main/electron/notifier';
import { TrayController } from '../../../src/main/electron/tray-controller';
import type { TrayActions } from '../../../src/main/electron/tray-menu';
import { startWorld, type World } from '../../helpers/world';
import { Notification, resetFakeElectron, Tray } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

describe('proposals waiting for review, from the engine to the tray and the notifier', () => {
  let world: World;
  let app: CalsyncApp;
  const stops: Array<() => void> = [];

  beforeEach(async () => {
    resetFakeElectron();
    world = await startWorld();
    app = world.app();
    await world.login(app);
    await app.sync.request({ trigger: 'manual' });
  });
  afterEach(async () => {
    for (const s of stops.splice(0)) s();
    await world.close();
  });

  const proposed = async () => (await app.api.listProposals({})).filter((p) => p.status === 'proposed').length;

  it('the tray menu offers to review as many blocks as are proposed', async () => {
    await app.api.addTask({
      title: 'Write report',
      durationMinutes: 180,
      priority: 2,
      minChunkMinutes: 60,
      maxChunkMinutes: 60,
    });
    await app.api.plan({});
    const n = await proposed();
    expect(n).toBe(3);
    const actions: TrayActions = {
      syncNow: vi.fn(),
      signIn: vi.fn(),
      reviewProposals: vi.fn(),
      setPaused: vi.fn(),
      openWindow: vi.fn(),
      setLaunchAtLogin: vi.fn(),
      quit: vi.fn(),
    };
    const tray = new TrayController({
      api: app.api,
      bus: app.bus,
      log: silentLogger,
      resources: '/res',
      platform: 'linux',
      actions,
      launchAtLogin: { isEnabled: () => false, setEnabled: vi.fn() },
      now: () => Date.now(),
    });
    stops.push(() => tray.destroy());
    await tray.refresh();
    expect(tray.state!.proposals).toBe(n);
    const review = () => Tray.instances[0]!.menu!.template.find((i) => i.id === 'review');
    expect(review()).toMatchObject({ label: 'Review 3 proposals…', enabled: true });

    const first = (await app.api.listProposals({})).find((p) => p.status === 'proposed')!;
    await app.api.deleteTask({ id: first.taskId });
    await tray.refresh();
    expect(review()).toMatchObject({ label: 'No proposals to review' });
  });

  it('a notification announces only the blocks that are new, not the ones already waiting', async () => {
    await app.api.addTask({
      title: 'Write report',
      durationMinutes: 120,
      priority: 2,
      minChunkMinutes: 60,
      maxChunkMinutes: 60,
    });
    await app.api.plan({});
    expect(await proposed()).toBe(2);
    const notifier = new Notifier({
      api: app.api,
      bus: app.bus,
      log: silentLogger,
      policy: new NotificationPolicy(() => true),
      onAction: () => undefined,
    });
    stops.push(() => notifier.stop());
    await notifier.start();

    await app.api.addTask({ title: 'Review slides', durationMinutes: 60, priority: 3 });
    await app.api.plan({});
    expect(await proposed()).toBe(3);
    await vi.waitFor(() =>
      expect(Notification.instances.map((n) => n.options.body)).toEqual(['1 new proposal to review (3 waiting).']),
    );
  });
});
