// The tray icon: image, tooltip and context menu follow the engine. Every
// engine event that can change the state (and a minute timer, for "Synced
// 3 min ago") re-reads the status and rebuilds the menu; refreshes coalesce,
// so a burst of events costs one or two status reads.
import { Menu, Tray, nativeImage, type NativeImage } from 'electron';
import type { CalsyncApi } from '../../shared/api';
import type { EngineBus } from '../core/engine-bus';
import type { Logger } from '../core/log/logger';
import type { LaunchAtLogin } from './launch-at-login';
import { trayIconFile } from './shell-paths';
import { buildTrayMenu, type TrayActions } from './tray-menu';
import { deriveTrayState, type TrayKind, type TrayState } from './tray-state';

export interface TrayControllerDeps {
  api: CalsyncApi;
  bus: EngineBus;
  log: Logger;
  resources: string;
  platform: NodeJS.Platform;
  actions: TrayActions;
  launchAtLogin: LaunchAtLogin;
  now: () => number;
}

export class TrayController {
  private readonly tray: Tray;
  private readonly unsubscribe: () => void;
  private readonly timer: NodeJS.Timeout;
  private kind: TrayKind | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  state: TrayState | null = null;

  constructor(private readonly deps: TrayControllerDeps) {
    this.tray = new Tray(this.image('idle'));
    this.tray.setToolTip('calsync');
    // Windows (and macOS without a menu) send clicks; Linux AppIndicator shows the menu instead.
    this.tray.on('click', () => deps.actions.openWindow());
    this.unsubscribe = deps.bus.subscribe((e) => {
      if (e.type !== 'sync-progress') void this.refresh();
    });
    this.timer = setInterval(() => void this.refresh(), 60_000);
    this.timer.unref();
  }

  /** Re-reads the status and redraws; concurrent calls fold into one more pass. */
  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          this.apply(deriveTrayState(await this.deps.api.status({}), this.deps.now()));
        } catch (err) {
          this.deps.log.warn({ err }, 'could not refresh the tray');
        }
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  destroy(): void {
    this.unsubscribe();
    clearInterval(this.timer);
    this.tray.destroy();
  }

  private apply(state: TrayState): void {
    this.state = state;
    if (state.kind !== this.kind) this.tray.setImage(this.image(state.kind));
    this.kind = state.kind;
    this.tray.setToolTip(state.tooltip);
    this.tray.setContextMenu(
      Menu.buildFromTemplate(buildTrayMenu(state, this.deps.launchAtLogin.isEnabled(), this.deps.actions)),
    );
  }

  private image(kind: TrayKind): NativeImage {
    return nativeImage.createFromPath(trayIconFile(this.deps.resources, kind, this.deps.platform));
  }
}
