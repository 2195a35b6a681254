// When the tray app speaks up. Pure rules, fed by engine events:
// - a sync failing twice in a row (once is often a blip; the next tick retries),
//   then quiet until a sync succeeds again;
// - an account needing a new sign-in, once per account until it is active again;
// - new proposals, when a plan raises the number waiting (one notice per
//   proposals-changed event at most, and none for proposals the user already saw).
// The user's "notifications" setting silences all of it; state is still
// tracked, so turning it back on does not replay old news.
import type { Account, RunStatus } from '../../shared/domain';

export type NoticeAction = 'open' | 'review' | 'sign-in';

export interface Notice {
  title: string;
  body: string;
  action: NoticeAction;
}

export class NotificationPolicy {
  private failures = 0;
  private readonly loginNoticed = new Set<string>();
  private proposed: number | null = null;

  constructor(private readonly enabled: () => boolean) {}

  /** The number of proposals waiting when the app starts: not news. */
  seedProposals(proposed: number): void {
    this.proposed ??= proposed;
  }

  runFinished(status: RunStatus, error: string | null): Notice | null {
    if (status === 'succeeded') this.failures = 0;
    // skipped (another process syncs) and interrupted (a crash) say nothing about the sync itself.
    if (status !== 'failed') return null;
    this.failures += 1;
    if (this.failures !== 2 || !this.enabled()) return null;
    return {
      title: 'calsync cannot sync',
      body: `The last two syncs failed${error ? `: ${error}` : '.'}`,
      action: 'open',
    };
  }

  accounts(accounts: Account[]): Notice[] {
    const notices: Notice[] = [];
    const present = new Set(accounts.map((a) => a.id));
    for (const id of this.loginNoticed) if (!present.has(id)) this.loginNoticed.delete(id);
    for (const a of accounts) {
      if (a.status === 'active') {
        this.loginNoticed.delete(a.id);
        continue;
      }
      if (this.loginNoticed.has(a.id)) continue;
      this.loginNoticed.add(a.id);
      if (this.enabled()) {
        notices.push({
          title: 'Sign in to Google again',
          body: `${a.email} needs a new sign-in before calsync can sync it${a.statusReason ? ` (${a.statusReason})` : ''}.`,
          action: 'sign-in',
        });
      }
    }
    return notices;
  }

  proposalsChanged(proposed: number): Notice | null {
    const before = this.proposed ?? 0;
    this.proposed = proposed;
    if (proposed <= before || !this.enabled()) return null;
    const n = proposed - before;
    return {
      title: 'New time blocks proposed',
      body: `${n} new proposal${n === 1 ? '' : 's'} to review (${proposed} waiting).`,
      action: 'review',
    };
  }
}
