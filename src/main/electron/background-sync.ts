// The background jobs of the tray app: the engine's cron jobs (sync every
// syncIntervalMinutes, plus jobs other parts register, like the planner's
// re-plan), and catch-up syncs, because node-cron does not run ticks missed
// while the machine slept or the network was down: one at start-up, one on
// resume from sleep, one when the network comes back. The scheduler decides
// whether a catch-up is due (last good sync older than the interval).
import { net, powerMonitor } from 'electron';
import type { Logger } from '../core/log/logger';
import { OnlineWatcher } from './online-watcher';

export type CatchUpTrigger = 'startup' | 'resume' | 'network';

export interface BackgroundSyncDeps {
  startJobs(): Promise<void>;
  catchUp(trigger: CatchUpTrigger): Promise<boolean>;
  log: Logger;
  onlinePollMs?: number;
}

export function startBackgroundSync(deps: BackgroundSyncDeps): () => void {
  deps.startJobs().catch((err: unknown) => deps.log.error({ err }, 'background jobs failed to start'));
  const catchUp = (trigger: CatchUpTrigger): void => {
    deps
      .catchUp(trigger)
      .then((ran) => {
        if (ran) deps.log.info({ trigger }, 'caught up with a sync');
      })
      .catch((err: unknown) => deps.log.error({ err, trigger }, 'catch-up sync failed to start'));
  };
  const onResume = (): void => catchUp('resume');
  powerMonitor.on('resume', onResume);
  const watcher = new OnlineWatcher(
    () => net.isOnline(),
    () => catchUp('network'),
    deps.onlinePollMs,
  );
  watcher.start();
  catchUp('startup');
  return () => {
    powerMonitor.removeListener('resume', onResume);
    watcher.stop();
  };
}
