// Prepared statements kept per connection. db.prepare() compiles the SQL each
// time (a parse and a plan, tens of microseconds), and the calendars and run
// log repos prepared theirs on every call: a sync run made a few hundred such
// calls. Keyed by the connection (weakly, so a closed cache's statements go
// with it), then by the SQL text: only fixed SQL belongs here, never text
// built from data (an IN list of n slots would keep one statement per n).
import type { Statement } from 'better-sqlite3';
import type { Db } from './database';

const byDb = new WeakMap<Db, Map<string, Statement>>();

/** The connection's statement for this SQL, prepared on first use. */
export function prepared(db: Db, sql: string): Statement {
  let stmts = byDb.get(db);
  if (!stmts) {
    stmts = new Map();
    byDb.set(db, stmts);
  }
  let stmt = stmts.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    stmts.set(sql, stmt);
  }
  return stmt;
}
