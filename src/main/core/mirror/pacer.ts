// Spaces writes to one account so a large first mirror stays inside Google's
// per-user rate instead of meeting 403 rateLimitExceeded and backing off.
export class Pacer {
  private next = 0;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  async take(): Promise<void> {
    const t = this.now();
    const wait = this.next - t;
    this.next = Math.max(t, this.next) + 1000 / this.perSecond;
    if (wait > 0) await this.sleep(wait);
  }
}
