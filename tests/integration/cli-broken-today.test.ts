// What the command line got wrong before ("The window and the command line",
// Broken today): the proposals count in status, a partial workingHours that
// wiped the week, a missing OAuth client that hung login and serve, a piped
// `events | head`, and a targetCalendar accepted without a look at it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEEKDAYS, type WorkingHours } from '../../src/shared/domain';
import { repoRoot } from '../helpers/fixtures';
import { startServe } from '../helpers/serve-process';
import { startWorld, type World } from '../helpers/world';

let world: World;
let readOnly: string;

beforeAll(async () => {
  world = await startWorld();
  readOnly = world.google.addCalendar(world.user.email, { summary: 'Holidays (read-only)', accessRole: 'reader' });
  // Enough events that `events` writes more than a pipe holds (64 KiB), so the reader closes mid-output.
  for (let i = 0; i < 600; i++) {
    const start = Date.UTC(2026, 10, 1) + i * 3_600_000;
    world.google.insertEvent(world.user.email, {
      summary: `Meeting number ${i} with a title long enough to fill the pipe`,
      start: { dateTime: new Date(start).toISOString() },
      end: { dateTime: new Date(start + 1_800_000).toISOString() },
    });
  }
  const app = world.app();
  await world.login(app, { write: true });
  await app.close();
  expect((await world.cli(['sync'])).code).toBe(0);
});
afterAll(() => world.close());

const json = async (args: string[]) => {
  const r = await world.cli([...args, '--json']);
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout);
};

/** The command's exit, or a failure naming the hang (instead of a test timeout). */
function exitWithin<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not exit within ${ms} ms`)), ms)),
  ]);
}

describe('status counts the proposals waiting for review', () => {
  it('status --json says how many proposed blocks there are, before and after a reject', async () => {
    await json(['tasks', 'add', '--title', 'Report', '--duration', '120', '--max-chunk', '60']);
    await json(['plan']);
    const proposed = (await json(['proposals'])).filter((p: { status: string }) => p.status === 'proposed');
    expect(proposed.length).toBeGreaterThan(0);
    expect((await json(['status'])).proposalsPending).toBe(proposed.length);

    // A reject re-plans at once, so the task may get a block elsewhere: count again.
    await json(['reject', proposed[0].id]);
    const after = (await json(['proposals'])).filter((p: { status: string }) => p.status === 'proposed');
    expect(after.map((p: { id: string }) => p.id)).not.toContain(proposed[0].id);
    expect((await json(['status'])).proposalsPending).toBe(after.length);
    expect((await world.cli(['status'])).stdout).toContain(`proposals pending: ${after.length}`);
  });
});

describe('config set workingHours', () => {
  const week = async (): Promise<WorkingHours> => (await json(['config', 'get', 'workingHours'])) as WorkingHours;

  it('changes only the weekdays it names; [] is an explicit day off; the whole week is printed', async () => {
    const before = await week();
    expect(before.tue.length).toBeGreaterThan(0);
    // The README's example.
    const r = await world.cli(['config', 'set', 'workingHours', '{"mon":[["09:00","12:00"],["13:00","17:00"]]}']);
    expect(r.code, r.stderr).toBe(0);
    const expected = {
      ...before,
      mon: [
        ['09:00', '12:00'],
        ['13:00', '17:00'],
      ],
    };
    expect(await week()).toEqual(expected);
    for (const d of WEEKDAYS) {
      const hours = expected[d].length ? expected[d].map(([a, b]) => `${a}–${b}`).join(', ') : 'off';
      expect(r.stdout).toContain(`${d} ${hours}\n`);
    }

    const off = await json(['config', 'set', 'workingHours', '{"fri":[],"sat":[["10:00","14:00"]]}']);
    expect(off.workingHours).toEqual({ ...expected, fri: [], sat: [['10:00', '14:00']] });
    expect(await week()).toEqual(off.workingHours);
  });

  it('still refuses a bad day, and changes nothing then', async () => {
    const before = await week();
    const r = await world.cli(['config', 'set', 'workingHours', '{"wed":[["17:00","09:00"]]}']);
    expect(r.code).toBe(2);
    expect((await world.cli(['config', 'set', 'workingHours', '{"caturday":[]}'])).code).toBe(2);
    expect(await week()).toEqual(before);
  });
});

describe('config set targetCalendar', () => {
  it('refuses an unknown calendar (exit 1) and a read-only one (exit 2), and keeps the setting', async () => {
    const before = (await json(['config', 'get'])).targetCalendar;
    const unknown = await world.cli(['config', 'set', 'targetCalendar', 'nobody@example.test']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/"nobody@example\.test" is not among the calendars/);
    const ro = await world.cli(['config', 'set', 'targetCalendar', readOnly]);
    expect(ro.code).toBe(2);
    expect(ro.stderr).toMatch(/cannot add events to "Holidays \(read-only\)" \(you are reader\)/);
    expect((await json(['config', 'get'])).targetCalendar).toBe(before);

    expect((await json(['config', 'set', 'targetCalendar', world.user.email])).targetCalendar).toBe(world.user.email);
    expect((await json(['config', 'set', 'targetCalendar', 'null'])).targetCalendar).toBeNull();
  });

  it('the API settings update refuses the same', async () => {
    const app = world.app();
    try {
      await expect(app.api.updateSettings({ targetCalendar: readOnly })).rejects.toMatchObject({ code: 'bad-input' });
      await expect(app.api.updateSettings({ targetCalendar: 'nobody@example.test' })).rejects.toMatchObject({
        code: 'not-found',
      });
      expect((await app.api.getSettings({})).targetCalendar).toBeNull();
    } finally {
      await app.close();
    }
  });
});

describe('a closed pipe', () => {
  it('`events | head` exits 0 without a stack trace', async () => {
    const cli = path.join(repoRoot, 'out/cli/calsync.mjs');
    const r = await new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      // The shell reports the status of calsync itself, not of head.
      const child = spawn(
        'bash',
        [
          '-c',
          `"${process.execPath}" "${cli}" events 2>"$ERRFILE" | head -n 2 >/dev/null; echo "\${PIPESTATUS[0]}"; cat "$ERRFILE"`,
        ],
        {
          env: { ...world.env, ERRFILE: path.join(world.home, 'events.err') },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      child.on('close', (code) => resolve({ code, out, err }));
    });
    const [status, ...stderr] = r.out.split('\n');
    expect(stderr.join('\n')).not.toMatch(/EPIPE|Error|at /);
    expect(status).toBe('0');
  });
});

describe('without a Google OAuth client', () => {
  const noClient = { CALSYNC_GOOGLE_CLIENT_ID: '', CALSYNC_GOOGLE_CLIENT_SECRET: '' };

  it('login --no-open says how to set one up and exits 1', async () => {
    const r = await world.cli(['login', '--no-open'], { env: noClient, killAfterMs: 20_000 });
    expect(r.signal, 'login hung and was killed').toBeNull();
    expect(r.code).toBe(1);
    // One line (the CLI prints the first), naming each setup step.
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    for (const step of [
      'Google Calendar API',
      '"Desktop app"',
      'CALSYNC_GOOGLE_CLIENT_ID',
      'CALSYNC_GOOGLE_CLIENT_SECRET',
      'config.json',
    ])
      expect(r.stderr).toContain(step);
  });

  it('serve refuses a sign-in from the window, then stops on SIGTERM', async () => {
    const serve = await startServe({ ...world.env, ...noClient });
    const res = await fetch(`${serve.origin}/api/startLogin`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${serve.token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    const body = (await res.json()) as { ok: boolean; error?: { code: string; message: string } };
    expect(body).toMatchObject({
      ok: false,
      error: { code: 'not-configured', message: expect.stringMatching(/CALSYNC_GOOGLE_CLIENT_ID/) },
    });
    try {
      expect(await exitWithin(serve.stop(), 15_000, 'serve after SIGTERM')).toBe(0);
    } finally {
      serve.kill();
    }
  });
});

describe('serve with a sign-in still waiting for the browser', () => {
  it('stops on SIGTERM at once, not when the sign-in times out', async () => {
    const tuning = JSON.stringify({ ...JSON.parse(world.env.CALSYNC_TUNING!), loginTimeoutMs: 120_000 });
    const serve = await startServe({ ...world.env, CALSYNC_TUNING: tuning });
    try {
      const res = await fetch(`${serve.origin}/api/startLogin`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${serve.token}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
      const { value } = (await res.json()) as { value: { authUrl: string } };
      const listener = new URL(new URL(value.authUrl).searchParams.get('redirect_uri')!);
      // The browser never comes back; the user stops calsync.
      expect(await exitWithin(serve.stop(), 15_000, 'serve after SIGTERM')).toBe(0);
      await expect(fetch(listener)).rejects.toThrow();
    } finally {
      serve.kill();
    }
  });
});

describe('a rejected block on the next re-plan', () => {
  it('is not proposed again, and the task says "you rejected …" when nothing else fits', async () => {
    const w = await startWorld();
    try {
      const app = w.app();
      await w.login(app);
      await app.sync.request({ trigger: 'manual' });
      await app.api.updateSettings({
        timeZone: 'UTC',
        workingHours: { mon: [['09:00', '17:00']] },
        leadTimeMinutes: 0,
        bufferMinutes: 0,
      });
      // The task fits only into Monday 09:00–10:00 UTC, at least two days from now.
      const day = new Date(Date.now() + 2 * 86_400_000);
      day.setUTCHours(0, 0, 0, 0);
      while (day.getUTCDay() !== 1) day.setUTCDate(day.getUTCDate() + 1);
      const nine = day.getTime() + 9 * 3_600_000;
      const task = await app.api.addTask({
        title: 'Call the bank',
        durationMinutes: 60,
        minChunkMinutes: 15,
        earliest: new Date(nine).toISOString(),
        due: new Date(nine + 3_600_000).toISOString(),
      });
      const first = (await app.api.plan({})).proposals.filter((p) => p.taskId === task.id);
      expect(first.map((p) => [p.start, p.end])).toEqual([
        [new Date(nine).toISOString(), new Date(nine + 3_600_000).toISOString()],
      ]);

      await app.api.rejectProposal({ id: first[0]!.id });
      const again = await app.api.plan({});
      expect(again.proposals.filter((p) => p.taskId === task.id && p.status === 'proposed')).toEqual([]);
      expect(again.unscheduled).toEqual([
        {
          taskId: task.id,
          reason: 'not-enough-time-before-due',
          detail: expect.stringMatching(
            /, only 0 min free in working hours; you rejected Mon (\d+ \w+ )?09:00–10:00 for it \(1h\), so that time is not offered again$/,
          ),
        },
      ]);
      await app.close();
    } finally {
      await w.close();
    }
  });
});
