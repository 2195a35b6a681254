// The --json contract (DESIGN.md §6) pinned byte for byte: every command runs
// with --json against the offline world with fixed inputs, and its stdout —
// after replacing what changes from run to run (ids, instants near now, ports,
// tokens, the data dir) — must equal tests/integration/golden/cli-json.txt.
// The golden file was written from the code before the human output changed,
// so making the text for people nicer cannot change what programs read.
// Regenerate (only for an intended contract change): CALSYNC_WRITE_GOLDEN=1.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/fixtures';
import { startWorld, type World } from '../helpers/world';

const GOLDEN = path.join(repoRoot, 'tests/integration/golden/cli-json.txt');
const DAY = 86_400_000;

let world: World;
let work: string;
let team: string;

beforeAll(async () => {
  world = await startWorld();
  // Fixed inputs, years away from any "now", so their instants stay in the golden text.
  world.google.insertEvent(world.user.email, {
    summary: 'Standup',
    start: { dateTime: '2021-03-01T09:00:00+01:00', timeZone: 'Europe/Berlin' },
    end: { dateTime: '2021-03-01T09:15:00+01:00', timeZone: 'Europe/Berlin' },
  });
  world.google.insertEvent(world.user.email, {
    summary: 'Holiday',
    start: { date: '2021-03-05' },
    end: { date: '2021-03-06' },
  });
  work = world.google.addCalendar(world.user.email, {
    id: 'work@group.calendar.google.com',
    summary: 'Work',
    timeZone: 'America/New_York',
    accessRole: 'owner',
  });
  world.google.insertEvent(work, {
    summary: 'Review',
    start: { dateTime: '2021-03-02T14:00:00-05:00' },
    end: { dateTime: '2021-03-02T15:00:00-05:00' },
  });
  team = world.google.addCalendar(world.user.email, {
    id: 'team@group.calendar.google.com',
    summary: 'Team',
    accessRole: 'reader',
  });
  world.google.insertEvent(team, {
    summary: 'Offsite',
    start: { dateTime: '2021-03-03T08:00:00Z' },
    end: { dateTime: '2021-03-03T17:00:00Z' },
    transparency: 'transparent',
  });
}, 60_000);
afterAll(() => world.close());

/** Stable placeholders for what differs between runs; the rest of the bytes are compared as printed. */
function normaliser(home: string) {
  const seen = new Map<string, string>();
  const named = (kind: string, v: string) => {
    const key = `${kind}:${v}`;
    if (!seen.has(key))
      seen.set(key, `<${kind}-${[...seen.keys()].filter((k) => k.startsWith(`${kind}:`)).length + 1}>`);
    return seen.get(key)!;
  };
  const now = Date.now();
  return (text: string): string =>
    text
      .split(home)
      .join('<home>')
      .replace(/127\.0\.0\.1(:|%3A)\d+/g, '127.0.0.1$1<port>')
      .replace(/([?&#](?:state|code_challenge|token)=)[^&"#\s]+/g, '$1<secret>')
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (v) => named('uuid', v))
      // Proposal and block ids are hashes of a task's (random) id.
      .replace(/"(id|googleEventId)":"([0-9a-v]{20,})"/g, (_m, k: string, v: string) => `"${k}":"${named(k, v)}"`)
      .replace(
        /^(\$ calsync (?:accept|reject|mirror remove)) ([0-9a-v]{20,})/gm,
        (_m, cmd: string, v: string) => `${cmd} ${named('id', v)}`,
      )
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)/g, (v) =>
        Math.abs(Date.parse(v) - now) < 120 * DAY ? '<now-ish>' : v,
      )
      .replace(/"(durationMs|pid|etag)":("(?:[^"\\]|\\.)*"|\d+)/g, '"$1":<v>')
      // Only the insights report has these: its weeks are the ones around now, its median a measured time.
      .replace(/"weekStart":"\d{4}-\d\d-\d\d"/g, '"weekStart":"<week>"')
      .replace(/"medianDurationMs":[\d.]+/g, '"medianDurationMs":<v>');
}

/** A CLI run that reacts to its first stdout line (login's consent URL, serve's URL). */
function cliStreaming(
  args: string[],
  onFirstLine: (line: string, stop: () => void) => void,
): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'out/cli/calsync.mjs'), ...args], {
      cwd: repoRoot,
      env: world.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let fired = false;
    child.stdout.on('data', (d) => {
      stdout += d;
      if (!fired && stdout.includes('\n')) {
        fired = true;
        onFirstLine(stdout.split('\n')[0]!, () => child.kill('SIGTERM'));
      }
    });
    child.stderr.on('data', (d) => world.logs.push(String(d)));
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

describe('calsync --json output', () => {
  it('is byte-identical to the golden file for every command', async () => {
    const norm = normaliser(world.home);
    const out: string[] = [];
    const record = (args: string[], r: { code: number | null; stdout: string }) =>
      out.push(norm(`$ calsync ${args.join(' ')}\n[exit ${r.code}]\n${r.stdout}`));
    const run = async (...args: string[]) => {
      const full = [...args, '--json'];
      const r = await world.cli(full);
      record(full, r);
      return r.stdout;
    };

    const loginArgs = ['login', '--no-open', '--write', '--json'];
    record(
      loginArgs,
      await cliStreaming(
        loginArgs,
        (line) => void fetch((JSON.parse(line) as { authUrl: string }).authUrl).catch(() => undefined),
      ),
    );
    await run('accounts');
    await run('calendars');
    await run('sync');
    await run('calendars');
    await run('calendars', 'free', work);
    await run('calendars', 'busy', work);
    await run('calendars', 'disable', team);
    await run('calendars', 'enable', team);
    await run('sync', '--full');
    await run('events');
    await run('events', '--calendar', work, '--from', '2021-03-02T00:00:00Z', '--to', '2021-03-03T00:00:00Z');
    await run('runs');
    await run('runs', '--limit', '1');
    // The default zone is the machine's: set one before reading the settings back.
    await run('config', 'set', 'timeZone', 'Europe/Berlin');
    await run('config', 'get');
    await run('config', 'get', 'timeZone');
    await run('config', 'set', 'workingHours', '{"mon":[["10:00","16:00"]]}');
    await run('config', 'set', 'bufferMinutes', '10');
    // Insights (issue 14): read-only, so placing it here changes no other command's output; before any task or
    // block, its hours are the same whatever day the test runs on (Mondays 10:00–16:00, nothing in them).
    await run('insights');
    const task = JSON.parse(
      await run(
        'tasks',
        'add',
        '--title',
        'Write report',
        '--duration',
        '90',
        '--priority',
        '2',
        '--due',
        '2021-04-01T17:00:00Z',
        '--min-chunk',
        '30',
        '--max-chunk',
        '60',
      ),
    ) as { id: string };
    await run('tasks', 'add', '--title', 'Taxes', '--duration', '135', '--min-chunk', '45', '--max-chunk', '45');
    await run('tasks');
    const plan = JSON.parse(await run('plan')) as { proposals: Array<{ id: string }> };
    await run('proposals');
    if (plan.proposals[0]) await run('accept', plan.proposals[0].id);
    if (plan.proposals[1]) await run('reject', plan.proposals[1].id);
    await run('accept', '--all');
    await run('tasks', 'done', task.id);
    await run('tasks', '--all');
    await run('status');
    await run('supabase', 'status');
    await run('push');
    // Busy mirroring (issue 17): added after the commands above so their output stays as it was.
    await run('mirror');
    const rule = JSON.parse(
      await run(
        'mirror',
        'add',
        '--from',
        world.user.email,
        '--to',
        'Work',
        '--buffer-before',
        '10',
        '--horizon-days',
        '30',
      ),
    ) as { id: string };
    await run('mirror');
    await run('mirror', 'remove', rule.id, '--keep-events');
    // Habits (issue 18): added last for the same reason; `plan` is not run again, so nothing above depends on the day.
    await run('habits');
    const habit = JSON.parse(
      await run(
        'habits',
        'add',
        '--title',
        'Lunch',
        '--duration',
        '60',
        '--min-duration',
        '30',
        '--window',
        '11:30-13:30',
        '--days',
        'mon,wed,fri',
        '--priority',
        '2',
        '--droppable',
      ),
    ) as { id: string };
    await run('habits', 'edit', habit.id, '--per-week', '3', '--no-droppable');
    await run('habits', 'edit', habit.id, '--window', '11:00-11:30');
    await run('habits');
    await run('habits', 'remove', habit.id);
    const serveArgs = ['serve', '--json'];
    record(serveArgs, await cliStreaming(serveArgs, (_line, stop) => stop()));
    await run('logout', world.user.email);
    await run('accounts');

    const text = out.join('\n');
    if (process.env.CALSYNC_WRITE_GOLDEN === '1') {
      mkdirSync(path.dirname(GOLDEN), { recursive: true });
      writeFileSync(GOLDEN, text);
    }
    // A mismatch leaves what this run printed beside the temp dir, for a diff by hand.
    if (text !== readFileSync(GOLDEN, 'utf8'))
      writeFileSync(path.join(os.tmpdir(), 'calsync-cli-json.received.txt'), text);
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
  }, 120_000);
});
