// A few trials of the chaos run (npm run chaos runs 200): the harness works
// end to end, the engine keeps its promises, and the checks do catch a broken
// state when one is planted.
import { describe, expect, it } from 'vitest';
import { runChaos } from '../../bench/chaos/chaos';
import { formatReport } from '../../bench/chaos/report';

describe('chaos run (smoke)', () => {
  it('runs seeded trials with zero violations, and reports a planted duplicate block and a stray cache row', async () => {
    const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);
    const trials = 10;
    const report = await runChaos({
      trials,
      seed,
      budgetMs: 90_000,
      beforeChecks: (w, trial) => {
        if (trial !== trials) return;
        const at = { start: { dateTime: '2026-04-01T09:00:00Z' }, end: { dateTime: '2026-04-01T10:00:00Z' } };
        const marker = {
          extendedProperties: { private: { calsyncProposalId: 'p-planted', calsyncTaskId: 't-planted' } },
        };
        w.google.insertEvent(w.target, { summary: 'planted 1', ...at, ...marker });
        w.google.insertEvent(w.target, { summary: 'planted 2', ...at, ...marker });
        w.observer.store.db
          .prepare(
            `INSERT INTO events (account_id, calendar_id, id, status, title, all_day, start_ms, end_ms, transparency, event_type)
             SELECT account_id, id, 'planted-row', 'confirmed', 'not at Google', 0, 0, 1, 'opaque', 'default' FROM calendars WHERE id = ?`,
          )
          .run(w.calendars[1]);
      },
    });
    const text = formatReport(report);
    expect(report.trialsRun, text).toBe(trials);
    const planted = report.violations.filter((v) => v.trial === trials);
    const others = report.violations.filter((v) => v.trial !== trials);
    expect(others, `seed ${seed}\n${text}`).toEqual([]);
    const messages = planted.map((v) => v.message).join('\n');
    expect(messages).toMatch(/block p-planted has 2 events on Google/);
    expect(messages).toMatch(/cache vs Google .*1 extra/);
  }, 150_000);
});
