// Who exists and what has been granted: users, authorization codes, grants
// (one per consent; a refresh token belongs to a grant) and access tokens.
import type { IdSource } from '../ids';
import type { FakeUser } from '../types';

export interface PendingCode {
  email: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  challenge?: string;
  challengeMethod?: 'S256' | 'plain';
  offline: boolean;
  forceConsent: boolean;
  nonce?: string;
  expiresAt: number;
  used: boolean;
}

export interface Grant {
  id: number;
  email: string;
  clientId: string;
  scopes: string[];
  refreshToken?: string;
  /** Set when the client's refresh tokens are time-limited (a "Testing" app: 7 days). */
  refreshExpiresAt?: number;
  revoked: boolean;
}

export interface AccessToken {
  grantId: number;
  expiresAt: number;
}

/** Authorization codes live 10 minutes, as Google documents. */
export const CODE_TTL_MS = 10 * 60 * 1000;

export class OAuthState {
  readonly users = new Map<string, FakeUser>();
  readonly codes = new Map<string, PendingCode>();
  readonly grants: Grant[] = [];
  readonly accessTokens = new Map<string, AccessToken>();
  readonly refreshTokens = new Map<string, number>(); // token -> grant id
  readonly issued: string[] = [];
  consentUser: string | null = null;
  denyNext = false;

  constructor(
    private readonly ids: IdSource,
    private readonly now: () => number,
    readonly accessTtlSec: number,
    readonly refreshTtlSec: number | null = null,
  ) {}

  addUser(u: { email: string; sub?: string; name?: string }): FakeUser {
    const email = u.email.toLowerCase();
    const existing = this.users.get(email);
    if (existing) return existing;
    const user: FakeUser = { email, sub: u.sub ?? this.ids.sub(), name: u.name ?? email.split('@')[0] ?? email };
    this.users.set(email, user);
    return user;
  }

  issueCode(c: Omit<PendingCode, 'expiresAt' | 'used'>): string {
    const code = this.ids.authCode();
    this.codes.set(code, { ...c, expiresAt: this.now() + CODE_TTL_MS, used: false });
    this.issued.push(code);
    return code;
  }

  /** Google hands out a refresh token on the first offline consent of a user to a client, or when prompt=consent forces a new one. */
  createGrant(code: PendingCode): Grant {
    const hasLive = this.grants.some(
      (g) => g.email === code.email && g.clientId === code.clientId && !g.revoked && g.refreshToken,
    );
    const grant: Grant = {
      id: this.grants.length + 1,
      email: code.email,
      clientId: code.clientId,
      scopes: code.scopes,
      revoked: false,
    };
    if (code.offline && (!hasLive || code.forceConsent)) {
      grant.refreshToken = this.ids.refreshToken();
      if (this.refreshTtlSec !== null) grant.refreshExpiresAt = this.now() + this.refreshTtlSec * 1000;
      this.refreshTokens.set(grant.refreshToken, grant.id);
      this.issued.push(grant.refreshToken);
    }
    this.grants.push(grant);
    return grant;
  }

  /** `requested` plus the scopes of the user's live grants to this client, requested ones first. */
  withGrantedScopes(email: string, clientId: string, requested: string[]): string[] {
    const out = [...requested];
    for (const g of this.grants) {
      if (g.email !== email || g.clientId !== clientId || g.revoked) continue;
      for (const s of g.scopes) if (!out.includes(s)) out.push(s);
    }
    return out;
  }

  grant(id: number): Grant | undefined {
    return this.grants[id - 1];
  }

  issueAccessToken(grant: Grant): { token: string; expiresIn: number } {
    const token = this.ids.accessToken();
    this.accessTokens.set(token, { grantId: grant.id, expiresAt: this.now() + this.accessTtlSec * 1000 });
    this.issued.push(token);
    // Google reports one second less than the lifetime (3599 for an hour).
    return { token, expiresIn: Math.max(1, this.accessTtlSec - 1) };
  }

  /** The live grant behind a bearer token, or null when it is unknown, expired or revoked. */
  authenticate(token: string): Grant | null {
    const at = this.accessTokens.get(token);
    if (!at || at.expiresAt <= this.now()) return null;
    const grant = this.grant(at.grantId);
    return grant && !grant.revoked ? grant : null;
  }

  revokeGrant(grant: Grant): void {
    grant.revoked = true;
  }

  revokeUser(email: string): void {
    for (const g of this.grants) if (g.email === email.toLowerCase()) g.revoked = true;
  }

  expireAccessTokens(): void {
    const past = this.now() - 1;
    for (const at of this.accessTokens.values()) at.expiresAt = past;
  }
}
