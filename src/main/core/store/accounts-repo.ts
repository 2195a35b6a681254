import type { Account, AccountStatus } from '../../../shared/domain';
import { hasScope, SCOPES } from '../google/scopes';
import type { CalendarsRepo } from './calendars-repo';
import type { Db } from './database';

interface AccountRow {
  id: string;
  email: string;
  status: AccountStatus;
  status_reason: string | null;
  scopes: string;
  token_issued_at: number | null;
  refresh_expires_at: number | null;
}

export interface AccountRecord extends Account {
  scopes: string[];
  tokenIssuedAt: number | null;
}

const toRecord = (r: AccountRow): AccountRecord => {
  const scopes = r.scopes ? r.scopes.split(' ') : [];
  return {
    id: r.id,
    email: r.email,
    status: r.status,
    statusReason: r.status_reason,
    signInExpiresAt: r.refresh_expires_at === null ? null : new Date(r.refresh_expires_at).toISOString(),
    canWrite: hasScope(scopes, SCOPES.eventsWrite),
    canReadTasks: hasScope(scopes, SCOPES.tasksRead),
    canWriteTasks: hasScope(scopes, SCOPES.tasksWrite),
    scopes,
    tokenIssuedAt: r.token_issued_at,
  };
};

/** The public view of an account (no scopes list, no internal times). */
export function toAccount(a: AccountRecord): Account {
  return {
    id: a.id,
    email: a.email,
    status: a.status,
    statusReason: a.statusReason,
    signInExpiresAt: a.signInExpiresAt,
    canWrite: a.canWrite,
    canReadTasks: a.canReadTasks,
    canWriteTasks: a.canWriteTasks,
  };
}

export class AccountsRepo {
  constructor(
    private readonly db: Db,
    private readonly calendars: CalendarsRepo,
  ) {}

  list(): AccountRecord[] {
    return (this.db.prepare('SELECT * FROM accounts ORDER BY email').all() as AccountRow[]).map(toRecord);
  }

  get(id: string): AccountRecord | null {
    const row = this.db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** By id or email, as people type it on the command line. */
  find(idOrEmail: string): AccountRecord | null {
    const row = this.db
      .prepare('SELECT * FROM accounts WHERE id = ? OR lower(email) = lower(?)')
      .get(idOrEmail, idOrEmail) as AccountRow | undefined;
    return row ? toRecord(row) : null;
  }

  upsert(
    a: { id: string; email: string; scopes: string[]; tokenIssuedAt: number; refreshExpiresAt?: number | null },
    now: number,
  ): void {
    this.db
      .prepare(
        `INSERT INTO accounts (id, email, status, status_reason, scopes, token_issued_at, refresh_expires_at, created_at, updated_at)
         VALUES (@id, @email, 'active', NULL, @scopes, @issued, @expires, @now, @now)
         ON CONFLICT(id) DO UPDATE SET email = excluded.email, status = 'active', status_reason = NULL, scopes = excluded.scopes,
           token_issued_at = excluded.token_issued_at, refresh_expires_at = excluded.refresh_expires_at, updated_at = excluded.updated_at`,
      )
      .run({
        id: a.id,
        email: a.email,
        scopes: a.scopes.join(' '),
        issued: a.tokenIssuedAt,
        expires: a.refreshExpiresAt ?? null,
        now,
      });
  }

  setStatus(id: string, status: AccountStatus, reason: string | null, now: number): void {
    this.db
      .prepare('UPDATE accounts SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?')
      .run(status, reason, now, id);
  }

  /** The account leaves with its calendars, each through CalendarsRepo.remove (its events withdrawn, not cascaded past the outbox). */
  delete(id: string): void {
    this.db.transaction(() => {
      for (const c of this.db.prepare('SELECT id FROM calendars WHERE account_id = ?').all(id) as Array<{ id: string }>)
        this.calendars.remove(id, c.id);
      this.db.prepare('DELETE FROM accounts WHERE id = ?').run(id);
    })();
  }
}
