// The no-keychain warning is said once a day: twice on one day → once; the
// next day → again. Other warnings are never held back.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { dailyNotices } from '../../../src/main/cli/daily-notices';
import { logLines } from '../../../src/main/cli/log-lines';

const KEYCHAIN = 'no OS keychain available (Secret Service not running); storing tokens in a 0600 file';
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'calsync-notices-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A clock at local noon of `day` (+ hours), so the test holds in any TZ. */
const at =
  (day: string, hours = 0) =>
  () =>
    new Date(`${day}T12:00:00`).getTime() + hours * 3600_000;

describe('daily notices', () => {
  it('says a repeating notice once per local day, across separate commands', () => {
    const dir = tempDir();
    // Each command builds its own DailyNotices from the data dir, as the CLI does.
    expect(dailyNotices(dir, at('2026-12-05')).shouldSay(KEYCHAIN)).toBe(true);
    expect(dailyNotices(dir, at('2026-12-05', 5)).shouldSay(KEYCHAIN)).toBe(false);
    expect(dailyNotices(dir, at('2026-12-05', 11.9)).shouldSay(KEYCHAIN)).toBe(false);
    expect(dailyNotices(dir, at('2026-12-06')).shouldSay(KEYCHAIN)).toBe(true);
    expect(dailyNotices(dir, at('2026-12-06', 1)).shouldSay(KEYCHAIN)).toBe(false);
    expect(statSync(path.join(dir, 'notices.json')).mode & 0o777).toBe(0o600);
  });

  it('never holds back other warnings', () => {
    const n = dailyNotices(tempDir(), at('2026-12-05'));
    for (let i = 0; i < 3; i++) expect(n.shouldSay('retrying events.list')).toBe(true);
  });

  it('filters the logger stream in both formats', () => {
    const dir = tempDir();
    const line = `${JSON.stringify({ level: 40, time: 1, pid: 1, msg: KEYCHAIN })}\n`;
    const run = (format: 'human' | 'json', clock: () => number) => {
      const out = new PassThrough();
      let text = '';
      out.on('data', (d) => (text += d));
      logLines(out, format, dailyNotices(dir, clock)).write(line);
      return text;
    };
    expect(run('human', at('2026-12-05'))).toBe(`calsync: warning: ${KEYCHAIN}\n`);
    expect(run('json', at('2026-12-05', 3))).toBe('');
    expect(run('json', at('2026-12-06'))).toBe(line);
  });
});
