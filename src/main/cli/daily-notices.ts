// A warning that every command would repeat (no OS keychain, so tokens live in
// a 0600 file) is said once per day, not on every command. The days each one
// was last said are kept in <dataDir>/notices.json (0600: it names the data
// dir's situation, nothing secret, but it lives beside files that are).
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createPrivateFile } from '../core/config/private-files';

/** Messages that repeat on every start; matched on their fixed beginning. */
const DAILY: RegExp[] = [/^no OS keychain available/];

export interface DailyNotices {
  /** True when `message` should be shown now (and records it as shown today); messages not in the daily list always show. */
  shouldSay(message: string): boolean;
}

/** A local calendar day (the person's "once a day"), from an injected clock. */
const dayOf = (t: number): string => {
  const d = new Date(t);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export function dailyNotices(dataDir: string, now: () => number = Date.now): DailyNotices {
  const file = path.join(dataDir, 'notices.json');
  const read = (): Record<string, string> => {
    try {
      const v: unknown = JSON.parse(readFileSync(file, 'utf8'));
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, string>) : {};
    } catch {
      return {}; // missing or damaged: say the notice again, which is the safe side
    }
  };
  return {
    shouldSay(message) {
      const key = DAILY.find((re) => re.test(message))?.source;
      if (!key) return true;
      const seen = read();
      const today = dayOf(now());
      if (seen[key] === today) return false;
      try {
        createPrivateFile(file);
        writeFileSync(file, JSON.stringify({ ...seen, [key]: today }), { mode: 0o600 });
        chmodSync(file, 0o600);
      } catch {
        // A read-only data dir: the notice shows again next time, which is only noisy.
      }
      return true;
    },
  };
}
