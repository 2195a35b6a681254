// At a terminal the CLI speaks to a person: times in the settings' zone with
// the zone named, calendars and tasks by name, warnings as one short line —
// and not one JSON log line. The no-keychain warning shows on the first
// command of the day only. Off a terminal (a pipe) stderr stays JSON lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliOnTerminal } from '../helpers/terminal';
import { startWorld, type World } from '../helpers/world';

let world: World;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  world = await startWorld();
  world.google.insertEvent(world.user.email, {
    summary: 'Standup',
    start: { dateTime: '2021-03-01T09:00:00+01:00' },
    end: { dateTime: '2021-03-01T09:15:00+01:00' },
  });
  const work = world.google.addCalendar(world.user.email, {
    id: 'work@group.calendar.google.com',
    summary: 'Work',
    accessRole: 'owner',
  });
  world.google.insertEvent(work, {
    summary: 'Review',
    start: { dateTime: '2021-03-02T14:00:00-05:00' },
    end: { dateTime: '2021-03-02T15:00:00-05:00' },
  });
  const app = world.app();
  await world.login(app, { write: true });
  await app.close();
  // "auto": this machine has no Secret Service, so every command would warn that tokens go to the 0600 file.
  env = { ...world.env, CALSYNC_TOKEN_STORE: 'auto', CALSYNC_LOG_LEVEL: 'warn', CALSYNC_LOG_FORMAT: '' };
}, 60_000);
afterAll(() => world.close());

const jsonLines = (text: string) =>
  text.split('\n').filter((l) => {
    try {
      return typeof JSON.parse(l) === 'object';
    } catch {
      return false;
    }
  });

describe('human output on a terminal', () => {
  it('names zones, calendars and tasks, says warnings in one line each, and prints no JSON', async () => {
    // One failed events.list call: the engine retries, and says so.
    world.google.faults.inject({ match: { path: /\/events$/ }, action: { status: 503 }, times: 1 });
    const runs = [];
    const sync = await cliOnTerminal(['sync'], env);
    runs.push(sync);
    expect(sync.code, sync.output).toBe(0);
    expect(sync.output).toMatch(/^calsync: Google is having trouble \(HTTP 503\), retrying in \d+ s…$/m);
    expect(sync.output).toMatch(/^\s+Work: succeeded full \+1/m);
    // The first sync showed its progress line, then cleared it before the summary.
    expect(sync.raw).toMatch(/syncing calendar [12] of 2 \((ada@example\.test|Work)\): page 1, \d+ events/);
    expect(sync.output).not.toMatch(/syncing calendar/);

    for (const args of [
      ['config', 'set', 'timeZone', 'Europe/Berlin'],
      ['tasks', 'add', '--title', 'Write report', '--duration', '60', '--due', '2030-12-04'],
    ]) {
      const r = await cliOnTerminal(args, env);
      expect(r.code, r.output).toBe(0);
      runs.push(r);
    }
    const events = await cliOnTerminal(['events', '--from', '2021-03-01', '--to', '2021-03-01'], env);
    runs.push(events);
    expect(events.output).toMatch(/when \(Europe\/Berlin\)/);
    // 09:00+01:00 is 09:00 in Berlin; a plain --to day counts to its end, so the 1st is in and
    // Review (20:00 Berlin on the 2nd) is out.
    expect(events.output).toMatch(/Mon 1 Mar 2021 09:00–09:15\s+Standup\s+ada@example\.test/);
    expect(events.output).not.toMatch(/Review|2021-03-01T/);

    const tasks = await cliOnTerminal(['tasks'], env);
    runs.push(tasks);
    // A plain due day means by its end: midnight Berlin at the end of 4 Dec 2030.
    expect(tasks.output).toMatch(/due \(Europe\/Berlin\)/);
    expect(tasks.output).toMatch(/Thu 5 Dec 2030 00:00/);
    for (const args of [['plan'], ['proposals'], ['runs'], ['status'], ['calendars']])
      runs.push(await cliOnTerminal(args, env));
    const proposals = runs.at(-4)!;
    expect(proposals.output).toMatch(/Write report\s+ada@example\.test|Write report\s*$/m);

    const all = runs.map((r) => r.output).join('\n');
    expect(jsonLines(all)).toEqual([]);
    expect(all).not.toMatch(/"level":|ECONNREFUSED|\.000Z/);
    // Said on the first command of the day, never again.
    expect(all.match(/no OS keychain available/g)).toHaveLength(1);
    expect(runs[0]!.output).toMatch(/^calsync: warning: no OS keychain available/m);
  }, 120_000);

  it('keeps JSON log lines when asked, and when stderr is not a terminal', async () => {
    world.google.faults.inject({ match: { path: /\/events$/ }, action: { status: 503 }, times: 1 });
    const asked = await cliOnTerminal(['sync'], { ...env, CALSYNC_LOG_FORMAT: 'json' });
    expect(asked.code, asked.output).toBe(0);
    expect(
      jsonLines(asked.output)
        .map((l) => JSON.parse(l) as { msg: string })
        .some((r) => r.msg.startsWith('retrying')),
    ).toBe(true);

    world.google.faults.inject({ match: { path: /\/events$/ }, action: { status: 503 }, times: 1 });
    const piped = await world.cli(['sync'], { env });
    expect(piped.code, piped.stderr).toBe(0);
    const lines = piped.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(jsonLines(piped.stderr)).toEqual(lines);
  }, 60_000);
});
