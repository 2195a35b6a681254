// Notices the network coming back. Electron's main process has no online
// event (the window's navigator.onLine is not there while the app lives in
// the tray), so it asks net.isOnline() at a slow interval and reports only the
// offline → online edge.
export class OnlineWatcher {
  private last: boolean | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly isOnline: () => boolean,
    private readonly onBackOnline: () => void,
    private readonly intervalMs = 60_000,
  ) {}

  start(): void {
    this.last = this.isOnline();
    this.timer = setInterval(() => this.check(), this.intervalMs);
    this.timer.unref();
  }

  check(): void {
    const online = this.isOnline();
    if (online && this.last === false) this.onBackOnline();
    this.last = online;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
