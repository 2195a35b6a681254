// Network failures read as what happened and what calsync does, never as a socket code.
import { describe, expect, it } from 'vitest';
import { plainError, plainRetry } from '../../../src/main/cli/plain-errors';
import { humanLine } from '../../../src/main/cli/log-lines';

describe('plain errors', () => {
  it('names a failure to reach Google in words, without the socket code', () => {
    const cases: Array<[string, RegExp]> = [
      [
        'calendarList.list failed: request to https://www.googleapis.com/calendar/v3/users/me/calendarList failed, reason: connect ECONNREFUSED 127.0.0.1:443',
        /can't reach Google \(the connection was refused\)/,
      ],
      [
        'events.list failed: getaddrinfo ENOTFOUND www.googleapis.com',
        /can't reach Google \(the name could not be looked up/,
      ],
      ['events.list failed: fetch failed', /can't reach Google \(the network is not reachable\)/],
      ['socket hang up', /can't reach Google \(the connection was cut\)/],
      ['push failed: supabase: connect ETIMEDOUT', /can't reach Supabase \(the connection timed out\)/],
    ];
    for (const [engine, plain] of cases) {
      const text = plainError(engine);
      expect(text, engine).toMatch(plain);
      expect(text).not.toMatch(/E[A-Z]{4,}|fetch failed/);
    }
  });

  it('leaves every other message as the engine wrote it', () => {
    for (const m of [
      'ada@example.test needs to sign in again: token revoked. Run `calsync login`.',
      'no account "bob"; see `calsync accounts`',
    ])
      expect(plainError(m)).toBe(m);
  });

  it('says a retry with its wait, by what Google answered', () => {
    expect(plainRetry({ delayMs: 30_000, status: null, reason: null })).toBe("can't reach Google, retrying in 30 s…");
    expect(plainRetry({ delayMs: 1_400, status: 429, reason: null })).toBe(
      'Google asks calsync to slow down, retrying in 1 s…',
    );
    expect(plainRetry({ delayMs: 2_000, status: 403, reason: 'userRateLimitExceeded' })).toBe(
      'Google asks calsync to slow down, retrying in 2 s…',
    );
    expect(plainRetry({ delayMs: 4_000, status: 503, reason: null })).toBe(
      'Google is having trouble (HTTP 503), retrying in 4 s…',
    );
  });

  it("turns the engine's retry log line into that one line", () => {
    const line = {
      level: 40,
      time: 1,
      pid: 7,
      calendarId: 'c',
      attempt: 2,
      delayMs: 30_000,
      status: null,
      reason: null,
      msg: 'retrying events.list',
    };
    expect(humanLine(line)).toBe("calsync: can't reach Google, retrying in 30 s…");
    expect(
      humanLine({ level: 40, msg: 'could not record the run heartbeat', err: 'connect ECONNREFUSED 127.0.0.1:5432' }),
    ).toMatch(/^calsync: warning: could not record the run heartbeat \(can't reach Google/);
  });
});
