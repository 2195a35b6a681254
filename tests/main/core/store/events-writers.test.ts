// Only store/events-repo.ts writes `events`: every other path would change the
// cache without its outbox row (outbox-writer.ts), and a change would never
// reach the workspace. This holds src/ to it, including the indirect ways of
// deleting events: the FK cascades from `calendars` and `accounts` (allowed
// only in the repositories that withdraw the events first) and triggers.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../../../../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(d.name) ? [p] : [];
  });
}

/** SQL that writes events, directly or by cascade, and the one file each may appear in. */
const RULES: Array<{ what: string; pattern: RegExp; allowed: string[] }> = [
  { what: 'deletes events', pattern: /DELETE\s+FROM\s+events\b/i, allowed: ['main/core/store/events-repo.ts'] },
  {
    what: 'writes events',
    pattern: /(INSERT\s+(OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE(\s+OR\s+\w+)?)\s+events\b/i,
    allowed: ['main/core/store/events-repo.ts'],
  },
  // Deleting a calendar or an account cascades to its events: only where the events are withdrawn first.
  {
    what: 'deletes calendars (cascades to events)',
    pattern: /DELETE\s+FROM\s+calendars\b/i,
    allowed: ['main/core/store/calendars-repo.ts'],
  },
  {
    what: 'deletes accounts (cascades to events)',
    pattern: /DELETE\s+FROM\s+accounts\b/i,
    allowed: ['main/core/store/accounts-repo.ts'],
  },
  { what: 'creates a trigger (rules belong in TypeScript)', pattern: /CREATE\s+TRIGGER/i, allowed: [] },
];

describe('only events-repo.ts changes events', () => {
  const files = sources(SRC).map((f) => ({
    rel: path.relative(SRC, f).split(path.sep).join('/'),
    text: readFileSync(f, 'utf8'),
  }));

  it('finds the sources it checks', () => {
    expect(files.some((f) => f.rel === 'main/core/store/events-repo.ts')).toBe(true);
    expect(files.length).toBeGreaterThan(50);
  });

  for (const rule of RULES) {
    it(`no other file ${rule.what}`, () => {
      const offenders = files
        .filter((f) => rule.pattern.test(f.text) && !rule.allowed.includes(f.rel))
        .map((f) => f.rel);
      expect(offenders).toEqual([]);
    });
  }

  it('the patterns catch what they are for (a check that cannot fail proves nothing)', () => {
    expect(RULES[0]!.pattern.test("db.prepare('delete  from events where id = ?')")).toBe(true);
    expect(RULES[1]!.pattern.test('UPDATE events SET title = ?')).toBe(true);
    expect(RULES[1]!.pattern.test('INSERT OR REPLACE INTO events (id) VALUES (?)')).toBe(true);
    expect(RULES[1]!.pattern.test('UPDATE events_meta SET x = 1')).toBe(false);
    expect(RULES[2]!.pattern.test('DELETE FROM calendars WHERE id = ?')).toBe(true);
  });
});
