// The app's link to its Supabase workspace: which one (config.json under the
// environment, DESIGN.md §7), the supabase-js client for it, this device's id,
// and an outbox armed for exactly that workspace — nothing queued without one,
// the whole cache queued (and a reconcile pending) when it first appears or
// changes.
//
// The environment wins while it is set: a CALSYNC_WORKSPACE_ID in one shell
// re-arms the outbox for that workspace, and the next process without it
// re-arms for config.json's (each switch backfills and reconciles, so no
// deletion is lost in between). `disconnect` cannot unset variables, so it
// refuses while they alone would keep calsync connected, and says which.
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { AppError } from '../../../shared/errors';
import { resolveConfig, type SupabaseConfig } from '../config/app-config';
import { loadConfigFile, updateConfigFile } from '../config/config-file';
import type { Logger } from '../log/logger';
import type { TokenVault } from '../secrets/token-vault';
import type { Store } from '../store/store';
import { assertPublicApiKey } from '../supabase/api-key';
import { currentUser, signOut, type SupabaseUser } from '../supabase/auth';
import { isRetryableSupabaseError } from '../supabase/errors';
import { parseProjectUrl } from '../supabase/project-url';
import { settleStoredSession } from '../supabase/settle-session';
import { isSessionVaultKey, sameProject, sessionVaultKey, supabaseProject } from '../supabase/vault-storage';
import type { WorkspaceConnection } from '../supabase/workspace-connection';
import type { Clock } from '../clock';

export interface WorkspaceLinkDeps {
  env: NodeJS.ProcessEnv;
  store: Store;
  vault: TokenVault;
  log: Logger;
  clock: Clock;
  configFile: string;
}

const DEVICE_ID_KEY = 'supabase.device-id';
const ENV_KEYS = {
  url: 'CALSYNC_SUPABASE_URL',
  anonKey: 'CALSYNC_SUPABASE_ANON_KEY',
  workspaceId: 'CALSYNC_WORKSPACE_ID',
} as const;

/** What the outbox's rows are for: a workspace of one project (the anon key may rotate freely). */
export function outboxTarget(cfg: SupabaseConfig): string {
  return `${cfg.url.trim().replace(/\/+$/, '')}#${cfg.workspaceId.trim().toLowerCase()}`;
}

function projectOrNull(cfg: SupabaseConfig) {
  try {
    return supabaseProject(cfg.url, cfg.anonKey);
  } catch {
    return null; // a URL calsync never talked to has no session to forget
  }
}

const clientKey = (cfg: SupabaseConfig) => `${outboxTarget(cfg)} ${cfg.anonKey.trim()}`;

export class WorkspaceLink {
  private cfg: SupabaseConfig | null = null;
  /** Keyed by target and key: a rotated anon key gets a new client, the same workspace keeps its outbox. */
  private conn: { key: string; connection: WorkspaceConnection } | null = null;
  /** Why the stored session was dropped when the client was built, until user() has said so. */
  private refused: AppError | null = null;

  constructor(private readonly d: WorkspaceLinkDeps) {}

  /** Stable per installation (kept with the cache): names this device in rows, leases and the run log. */
  get deviceId(): string {
    return this.d.store.kv.getOrCreate(DEVICE_ID_KEY, () => randomUUID());
  }

  get config(): SupabaseConfig | null {
    return this.cfg;
  }

  /**
   * Re-reads the configuration (another process may have connected) and arms
   * or disarms the outbox to match it. Cheap when nothing changed.
   */
  refresh(cfg: SupabaseConfig | null = resolveConfig(this.d.env).supabase): SupabaseConfig | null {
    const { store, log, clock } = this.d;
    this.cfg = cfg;
    if (!cfg) {
      const dropped = store.outbox.disarm();
      if (dropped)
        log.info({ dropped }, 'Supabase is no longer configured: stopped queuing and dropped the queued changes');
      this.dropClient();
      return null;
    }
    const target = outboxTarget(cfg);
    const { changed, queued } = store.outbox.arm(target, clock.now());
    if (changed)
      log.info(
        { workspaceId: cfg.workspaceId, queued },
        'outbox armed for the Supabase workspace; the whole cache is queued for it',
      );
    if (this.conn && this.conn.key !== clientKey(cfg)) this.dropClient();
    return cfg;
  }

  /**
   * The client + RPC wrapper for the configured workspace (created once per
   * target), over a stored session already refreshed or found dead (see
   * settle-session.ts).
   */
  async connection(): Promise<WorkspaceConnection> {
    const cfg = this.cfg;
    if (!cfg) {
      throw new AppError(
        'not-configured',
        'Supabase is not connected: run `calsync supabase connect --url <project url> --anon-key <anon key> --workspace <id>`.',
      );
    }
    const key = clientKey(cfg);
    if (this.conn?.key === key) return this.conn.connection;
    this.dropClient();
    const [settled, { connectWorkspace }] = await Promise.all([
      settleStoredSession(supabaseProject(cfg.url, cfg.anonKey), cfg.anonKey, this.d.vault),
      import('../supabase/workspace-connection'),
    ]);
    if (this.conn?.key === key) return this.conn.connection; // built by a concurrent call meanwhile
    // No refresh timer: the session is refreshed when it is used (every push
    // asks for it first), where a failure comes back as a value and becomes
    // one sentence, not a supabase-js stack trace printed from a timer.
    const connection = connectWorkspace({
      url: cfg.url,
      anonKey: cfg.anonKey,
      workspaceId: cfg.workspaceId,
      vault: this.d.vault,
      deviceId: this.deviceId,
      autoRefreshToken: false,
    });
    this.conn = { key, connection };
    // A session the server refused is reported once, by the next user() call.
    this.refused = settled && !isRetryableSupabaseError(settled) ? settled : null;
    return connection;
  }

  /** The variables of the environment that decide (part of) the connection, whatever config.json says. */
  envOverrides(): string[] {
    return Object.values(ENV_KEYS).filter((name) => Boolean(this.d.env[name]));
  }

  /**
   * Forgets the workspace: removes the connection from config.json, disarms
   * the outbox (its queued changes were for that workspace; returns how many)
   * and so stops pushing. The Supabase session is kept unless `signOut`:
   * reconnecting to the same project then needs no new sign-in. It stays
   * bound to its project: connecting another one starts signed out.
   */
  async disconnect(opts: {
    signOut: boolean;
  }): Promise<{ wasConnected: boolean; dropped: number; signedOut: boolean }> {
    const env = this.envOverrides();
    if (env.length === Object.keys(ENV_KEYS).length) {
      throw new AppError(
        'conflict',
        `Supabase stays connected: ${env.join(', ')} are set in the environment and connect calsync whatever config.json says. Unset them (then run \`calsync supabase disconnect\` again); nothing was changed.`,
      );
    }
    const saved = loadConfigFile(this.d.configFile).connection.supabase;
    this.cfg = resolveConfig(this.d.env).supabase;
    const wasConnected = this.cfg !== null || this.d.store.outbox.state() !== null;
    let signedOut = false;
    if (opts.signOut) {
      await this.signOut(); // while the client for the project still exists: the server is told too
      signedOut = true;
    }
    if (saved) await updateConfigFile(this.d.configFile, { supabase: undefined });
    const dropped = this.d.store.outbox.disarm();
    if (this.refresh() !== null)
      throw new AppError('storage-error', 'The Supabase connection could not be removed from config.json.');
    this.d.log.info({ dropped, signedOut }, 'disconnected from the Supabase workspace');
    return { wasConnected, dropped, signedOut };
  }

  async client(): Promise<SupabaseClient> {
    return (await this.connection()).client;
  }

  /**
   * The signed-in Supabase user from the stored session, or null. Signed out
   * because the server has just refused the session: says so, once.
   */
  async user(): Promise<SupabaseUser | null> {
    if (!this.cfg) return null;
    const user = await currentUser(await this.client());
    const refused = this.refused;
    this.refused = null;
    if (user === null && refused) throw refused;
    return user;
  }

  /** Ends the configured project's session; with no project configured, forgets every stored session. */
  async signOut(): Promise<void> {
    const cfg = this.cfg;
    if (cfg) {
      await signOut(await this.client(), this.d.vault, supabaseProject(cfg.url, cfg.anonKey));
      return;
    }
    for (const key of (await this.d.vault.keys()).filter(isSessionVaultKey)) await this.d.vault.delete(key);
  }

  /** Validates and saves the connection to config.json, then arms the outbox for it (the backfill). */
  async save(next: SupabaseConfig): Promise<SupabaseConfig> {
    assertPublicApiKey(next.anonKey);
    parseProjectUrl(next.url, 'bad-input');
    for (const [field, name] of Object.entries(ENV_KEYS) as Array<[keyof SupabaseConfig, string]>) {
      const fromEnv = this.d.env[name];
      if (fromEnv && fromEnv !== next[field]) {
        throw new AppError(
          'conflict',
          `${name} is set in the environment and overrides config.json; unset it (or set it to the new value) to connect this way.`,
        );
      }
    }
    const before = resolveConfig(this.d.env).supabase;
    await updateConfigFile(this.d.configFile, {
      supabase: { url: next.url.trim(), anonKey: next.anonKey.trim(), workspaceId: next.workspaceId.trim() },
    });
    // Switching straight to another project also forgets the one left's
    // session (it could not be used anyway: sessions are bound to their project).
    const left = before ? projectOrNull(before) : null;
    if (left && !sameProject(left, supabaseProject(next.url, next.anonKey))) {
      this.dropClient();
      await this.d.vault.delete(sessionVaultKey(left));
    }
    const cfg = this.refresh();
    if (!cfg)
      throw new AppError(
        'storage-error',
        'The Supabase connection was saved but could not be read back from config.json.',
      );
    return cfg;
  }

  close(): void {
    this.dropClient();
  }

  private dropClient(): void {
    this.refused = null;
    if (!this.conn) return;
    void this.conn.connection.client.auth.stopAutoRefresh().catch(() => undefined);
    this.conn = null;
  }
}
