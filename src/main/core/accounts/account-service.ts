// Signing Google accounts in and out. A new sign-in of a known account keeps
// its calendars and sync tokens, so sync resumes incrementally.
import type { Account } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { AppConfig } from '../config/app-config';
import type { EngineBus } from '../engine-bus';
import type { GoogleTokens } from '../google/google-tokens';
import { LOGIN_SCOPES, SCOPES } from '../google/scopes';
import { toAccount } from '../store/accounts-repo';
import { loopbackLogin } from '../google/loopback-login';
import type { Logger } from '../log/logger';
import type { Store } from '../store/store';
import type { Clock } from '../clock';

export interface LoginRequest {
  onAuthUrl: (url: string) => void | Promise<void>;
  /** Also ask to create events (needed to accept planned blocks). */
  write?: boolean;
  /** Also ask to read Google Tasks (asked for anyway while their import is on in settings). */
  tasks?: boolean;
  /** Also ask to change Google Tasks (an imported task completed in calsync is then completed at Google). */
  tasksWrite?: boolean;
  loginHint?: string;
}

export class AccountService {
  /** Sign-ins waiting for the browser; `cancelLogins` ends them when the app stops. */
  private readonly pending = new Set<AbortController>();

  constructor(
    private readonly config: AppConfig,
    private readonly store: Store,
    private readonly tokens: GoogleTokens,
    private readonly bus: EngineBus,
    private readonly log: Logger,
    private readonly clock: Clock,
    /** Whether the Google Tasks import is on: a sign-in then asks to read tasks too. */
    private readonly importsTasks: () => boolean = () => false,
  ) {}

  list(): Account[] {
    return this.store.accounts.list().map(toAccount);
  }

  async login(req: LoginRequest): Promise<Account> {
    // include_granted_scopes keeps what the account granted before; only what is new is asked for.
    const scopes = [
      ...LOGIN_SCOPES,
      ...(req.write ? SCOPES.eventsWrite : []),
      ...(req.tasks || this.importsTasks() ? SCOPES.tasksRead : []),
      ...(req.tasksWrite ? SCOPES.tasksWrite : []),
    ];
    const abort = new AbortController();
    this.pending.add(abort);
    let outcome: Awaited<ReturnType<typeof loopbackLogin>>;
    try {
      outcome = await loopbackLogin({
        cfg: this.config.google,
        scopes,
        timeoutMs: this.config.tuning.loginTimeoutMs,
        onAuthUrl: req.onAuthUrl,
        loginHint: req.loginHint,
        signal: abort.signal,
      });
    } finally {
      this.pending.delete(abort);
    }
    await this.tokens.save(outcome.sub, outcome.tokens);
    this.tokens.invalidate(outcome.sub);
    const now = this.clock.now();
    // Google says how long a time-limited sign-in lives; for a client known to be a
    // "Testing" app (7-day refresh tokens) the user can say so in config.json.
    const lifetimeMs =
      outcome.refreshExpiresInSec !== null
        ? outcome.refreshExpiresInSec * 1000
        : this.config.google.refreshTokenLifetimeDays
          ? this.config.google.refreshTokenLifetimeDays * 86_400_000
          : null;
    this.store.accounts.upsert(
      {
        id: outcome.sub,
        email: outcome.email,
        scopes: outcome.scopes,
        tokenIssuedAt: now,
        refreshExpiresAt: lifetimeMs === null ? null : now + lifetimeMs,
      },
      now,
    );
    this.log.info({ accountId: outcome.sub }, `signed in as ${outcome.email}`);
    const account = this.list().find((a) => a.id === outcome.sub)!;
    this.bus.emit({ type: 'status-changed' });
    return account;
  }

  /** Ends every sign-in still waiting for the browser (the app is stopping). */
  cancelLogins(): void {
    for (const a of this.pending) a.abort();
  }

  async logout(idOrEmail: string, keepEvents: boolean): Promise<{ account: Account; eventsRemoved: number }> {
    const record = this.store.accounts.find(idOrEmail);
    if (!record) throw new AppError('not-found', `no account "${idOrEmail}"; see \`calsync accounts\``);
    const client = await this.tokens.client(record.id);
    const refresh = client?.credentials.refresh_token;
    if (client && refresh) {
      try {
        await client.revokeToken(refresh);
      } catch (e) {
        // Forgetting locally matters more than telling Google; the user can revoke at myaccount.google.com.
        this.log.warn(
          { accountId: record.id, err: e },
          'Google did not confirm the revocation; local tokens are deleted anyway',
        );
      }
    }
    await this.tokens.forget(record.id);
    const eventsRemoved = keepEvents ? 0 : this.store.events.count(record.id);
    if (keepEvents)
      this.store.accounts.setStatus(record.id, 'revoked', 'signed out; cached events kept', this.clock.now());
    else this.store.accounts.delete(record.id);
    this.bus.emit({ type: 'status-changed' });
    return { account: { ...toAccount(record), status: 'revoked', statusReason: 'signed out' }, eventsRemoved };
  }
}
