// An account's Google tokens: loaded from the vault into an OAuth2Client that
// refreshes itself, with every refreshed token written back before use.
import type { Credentials, OAuth2Client } from 'google-auth-library';
import * as z from 'zod';
import type { Logger } from '../log/logger';
import { registerSecret } from '../../../shared/scrub';
import { vaultKeys, type TokenVault } from '../secrets/token-vault';
import type { GoogleConfig } from '../config/app-config';
import { createOAuthClient } from './oauth-client';

const storedSchema = z.object({
  refresh_token: z.string().min(1),
  access_token: z.string().nullish(),
  expiry_date: z.number().nullish(),
  scope: z.string().nullish(),
  token_type: z.string().nullish(),
});
export type StoredTokens = z.infer<typeof storedSchema>;

export class GoogleTokens {
  private readonly clients = new Map<string, OAuth2Client>();

  constructor(
    private readonly cfg: GoogleConfig,
    private readonly vault: TokenVault,
    private readonly log: Logger,
  ) {}

  async load(accountId: string): Promise<StoredTokens | null> {
    const raw = await this.vault.get(vaultKeys.google(accountId));
    if (!raw) return null;
    const parsed = storedSchema.safeParse(safeJson(raw));
    if (!parsed.success) {
      this.log.warn({ accountId }, 'stored Google tokens are unreadable; the account needs a new sign-in');
      return null;
    }
    registerSecret(parsed.data.refresh_token);
    registerSecret(parsed.data.access_token);
    return parsed.data;
  }

  async save(accountId: string, t: Credentials): Promise<void> {
    const prev = await this.load(accountId);
    // A refresh response carries no refresh_token: keep the one we have.
    const refresh = t.refresh_token ?? prev?.refresh_token;
    if (!refresh) throw new Error('Google did not return a refresh token; sign in again with consent');
    registerSecret(refresh);
    registerSecret(t.access_token);
    const next: StoredTokens = {
      refresh_token: refresh,
      access_token: t.access_token ?? null,
      expiry_date: t.expiry_date ?? null,
      scope: t.scope ?? prev?.scope ?? null,
      token_type: t.token_type ?? 'Bearer',
    };
    await this.vault.set(vaultKeys.google(accountId), JSON.stringify(next));
  }

  /** An OAuth2Client for the account, or null when no usable tokens are stored. */
  async client(accountId: string): Promise<OAuth2Client | null> {
    const cached = this.clients.get(accountId);
    if (cached) return cached;
    const stored = await this.load(accountId);
    if (!stored) return null;
    const client = await createOAuthClient(this.cfg);
    client.setCredentials({
      refresh_token: stored.refresh_token,
      access_token: stored.access_token ?? undefined,
      expiry_date: stored.expiry_date ?? undefined,
      scope: stored.scope ?? undefined,
    });
    client.on('tokens', (t) => {
      this.save(accountId, t).catch((e: unknown) =>
        this.log.error({ err: e, accountId }, 'could not store refreshed Google tokens'),
      );
    });
    this.clients.set(accountId, client);
    return client;
  }

  async forget(accountId: string): Promise<void> {
    this.clients.delete(accountId);
    await this.vault.delete(vaultKeys.google(accountId));
  }

  /** Drop the in-memory client so the next use reloads from the vault (after a new login). */
  invalidate(accountId: string): void {
    this.clients.delete(accountId);
  }
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
