// Desktop notifications, decided by NotificationPolicy from engine events.
// A click brings up what the notice is about.
import { Notification } from 'electron';
import type { CalsyncApi } from '../../shared/api';
import type { EngineBus } from '../core/engine-bus';
import type { Logger } from '../core/log/logger';
import type { Notice, NoticeAction, NotificationPolicy } from './notification-policy';

export interface NotifierDeps {
  api: CalsyncApi;
  bus: EngineBus;
  policy: NotificationPolicy;
  log: Logger;
  onAction: (action: NoticeAction) => void;
}

export class Notifier {
  // Electron drops the click handler of a notification that was garbage-collected; keep them until closed.
  private readonly live = new Set<Notification>();
  private unsubscribe: (() => void) | null = null;
  // Events are handled one after another, in the order they came: "failed twice in a row" depends on it.
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly deps: NotifierDeps) {}

  /** Seeds what is already known (not news), then follows the engine's events. */
  async start(): Promise<void> {
    const { api, bus, policy } = this.deps;
    this.unsubscribe = bus.subscribe((e) => {
      const step = async (): Promise<void> => {
        if (e.type === 'run-finished') {
          const error =
            e.status === 'failed'
              ? ((await api.listRuns({ limit: 5 })).find((r) => r.id === e.runId)?.error ?? null)
              : null;
          this.show(policy.runFinished(e.status, error));
        }
        if (e.type === 'run-finished' || e.type === 'status-changed' || e.type === 'login-finished') {
          for (const n of policy.accounts(await api.listAccounts({}))) this.show(n);
        }
        if (e.type === 'proposals-changed') this.show(policy.proposalsChanged(e.proposed));
      };
      this.queue = this.queue
        .then(step)
        .catch((err: unknown) => this.deps.log.warn({ err }, 'could not decide on a notification'));
    });
    const status = await api.status({});
    policy.seedProposals(status.proposalsPending);
    for (const n of policy.accounts(status.accounts)) this.show(n);
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const n of this.live) n.close();
    this.live.clear();
  }

  private show(notice: Notice | null): void {
    if (!notice || !Notification.isSupported()) return;
    const n = new Notification({ title: notice.title, body: notice.body });
    n.on('click', () => this.deps.onAction(notice.action));
    n.on('close', () => this.live.delete(n));
    this.live.add(n);
    n.show();
  }
}
