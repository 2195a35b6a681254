// GoTrue's state, cut down: users live in `auth.users` (so foreign keys and
// RLS see them), sessions, refresh tokens and one-time codes live in memory —
// they outlive stop()/start() of the HTTP listener, as a real server's would.
import { randomBytes, randomInt, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import type { ShimDatabase } from './database';
import { HttpError } from './http-util';
import type { Claims, JwtKeys } from './jwt';

const OTP_TTL_MS = 5 * 60_000;
// GoTrue lets a just-rotated refresh token be used again for a short while,
// so two tabs (or a retried request) refreshing at once both succeed.
const REFRESH_REUSE_MS = 10_000;

interface UserRow {
  id: string;
  email: string;
  encrypted_password: string | null;
  email_confirmed_at: string | null;
  last_sign_in_at: string | null;
  created_at: string;
  updated_at: string;
}

interface SessionState {
  userId: string;
  revoked: boolean;
}

interface RefreshState {
  sessionId: string;
  usedAt: number | null;
}

export function authError(status: number, code: string, msg: string): HttpError {
  return new HttpError(status, { code, error_code: code, msg }, { 'X-Supabase-Api-Version': '2024-01-01' });
}

function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64')}$${scryptSync(password, salt, 32).toString('base64')}`;
}

function checkPassword(password: string, stored: string | null): boolean {
  const [scheme, salt, hash] = stored?.split('$') ?? [];
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  return timingSafeEqual(scryptSync(password, Buffer.from(salt, 'base64'), expected.length), expected);
}

export class AuthStore {
  private readonly sessions = new Map<string, SessionState>();
  private readonly refreshTokens = new Map<string, RefreshState>();
  private readonly otps = new Map<string, { code: string; expiresAt: number }>();

  constructor(
    private readonly db: ShimDatabase,
    private readonly keys: JwtKeys,
    private readonly issuer: () => string,
    private readonly accessTokenTtlSeconds: number,
  ) {}

  async createUser(email: string, password: string | null): Promise<{ id: string }> {
    const rows = await this.db.query<{ id: string }>(
      `insert into auth.users (email, encrypted_password, email_confirmed_at) values (lower($1), $2, now()) returning id`,
      [email, password === null ? null : hashPassword(password)],
    );
    return { id: rows[0]!.id };
  }

  lastOtp(email: string): string | undefined {
    return this.otps.get(email.toLowerCase())?.code;
  }

  async passwordGrant(email: string, password: string): Promise<Record<string, unknown>> {
    const user = await this.findByEmail(email);
    if (!user || !checkPassword(password, user.encrypted_password)) {
      throw authError(400, 'invalid_credentials', 'Invalid login credentials');
    }
    return this.issue(user.id, 'password', randomUUID());
  }

  async refreshGrant(token: string): Promise<Record<string, unknown>> {
    const state = this.refreshTokens.get(token);
    const session = state ? this.sessions.get(state.sessionId) : undefined;
    if (!state || !session || session.revoked) {
      throw authError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
    }
    if (state.usedAt !== null && Date.now() - state.usedAt > REFRESH_REUSE_MS) {
      session.revoked = true; // reuse of an old token: GoTrue revokes the whole session
      throw authError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');
    }
    state.usedAt ??= Date.now();
    return this.issue(session.userId, 'token_refresh', state.sessionId);
  }

  async sendOtp(email: string, createUser: boolean): Promise<void> {
    if (!(await this.findByEmail(email))) {
      if (!createUser) throw authError(422, 'otp_disabled', 'Signups not allowed for otp');
      await this.createUser(email, null);
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    this.otps.set(email.toLowerCase(), { code, expiresAt: Date.now() + OTP_TTL_MS });
  }

  async verifyOtp(email: string, token: string): Promise<Record<string, unknown>> {
    const key = email.toLowerCase();
    const otp = this.otps.get(key);
    const user = await this.findByEmail(email);
    if (!otp || !user || otp.code !== token || otp.expiresAt < Date.now()) {
      throw authError(403, 'otp_expired', 'Token has expired or is invalid');
    }
    this.otps.delete(key); // one use only
    return this.issue(user.id, 'otp', randomUUID());
  }

  /** GET /user: the token must belong to a session that still exists. */
  async user(claims: Claims): Promise<Record<string, unknown>> {
    const session = typeof claims.session_id === 'string' ? this.sessions.get(claims.session_id) : undefined;
    if (!session || session.revoked || session.userId !== claims.sub) {
      throw authError(403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
    }
    const row = await this.findById(session.userId);
    if (!row) throw authError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
    return this.userJson(row);
  }

  logout(claims: Claims, scope: string): void {
    const current = typeof claims.session_id === 'string' ? claims.session_id : '';
    for (const [id, s] of this.sessions) {
      if (s.userId !== claims.sub) continue;
      if (scope === 'local' && id !== current) continue;
      if (scope === 'others' && id === current) continue;
      s.revoked = true;
    }
  }

  private async issue(userId: string, method: string, sessionId: string): Promise<Record<string, unknown>> {
    const rows = await this.db.query<UserRow>(
      `update auth.users set last_sign_in_at = now() where id = $1
       returning ${USER_COLUMNS}`,
      [userId],
    );
    const user = this.userJson(rows[0]!);
    if (!this.sessions.has(sessionId)) this.sessions.set(sessionId, { userId, revoked: false });
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = now + this.accessTokenTtlSeconds;
    const accessToken = await this.keys.sign({
      aud: 'authenticated',
      iss: this.issuer(),
      sub: userId,
      email: user.email,
      phone: '',
      app_metadata: user.app_metadata,
      user_metadata: user.user_metadata,
      role: 'authenticated',
      aal: 'aal1',
      amr: [{ method, timestamp: now }],
      session_id: sessionId,
      is_anonymous: false,
      iat: now,
      exp: expiresAt,
    });
    const refreshToken = randomBytes(18).toString('base64url');
    this.refreshTokens.set(refreshToken, { sessionId, usedAt: null });
    return {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: this.accessTokenTtlSeconds,
      expires_at: expiresAt,
      refresh_token: refreshToken,
      user,
    };
  }

  private userJson(row: UserRow): Record<string, unknown> & { email: string; app_metadata: unknown; user_metadata: unknown } {
    const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());
    return {
      id: row.id,
      aud: 'authenticated',
      role: 'authenticated',
      email: row.email,
      email_confirmed_at: iso(row.email_confirmed_at),
      phone: '',
      confirmed_at: iso(row.email_confirmed_at),
      last_sign_in_at: iso(row.last_sign_in_at),
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: {},
      identities: [],
      created_at: iso(row.created_at),
      updated_at: iso(row.updated_at),
      is_anonymous: false,
    };
  }

  private async findByEmail(email: string): Promise<UserRow | undefined> {
    return (await this.db.query<UserRow>(`${SELECT_USER} where email = lower($1)`, [email]))[0];
  }

  private async findById(id: string): Promise<UserRow | undefined> {
    return (await this.db.query<UserRow>(`${SELECT_USER} where id = $1`, [id]))[0];
  }
}

// Timestamps as JSON renders them (ISO 8601), whatever the session's DateStyle.
const iso = (col: string) => `to_json(${col}) #>> '{}' as ${col}`;
const USER_COLUMNS = `id, email, encrypted_password, ${['email_confirmed_at', 'last_sign_in_at', 'created_at', 'updated_at'].map(iso).join(', ')}`;
const SELECT_USER = `select ${USER_COLUMNS} from auth.users`;
