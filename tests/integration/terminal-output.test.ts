// Text chosen by others reaches the terminal inert: a shared calendar's name,
// an event title, a task title and a Google error message carrying a
// window-title (OSC 0), a clipboard write (OSC 52), a carriage return and a C1
// CSI are printed escaped by every human-mode command, on stdout and stderr.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../helpers/world';

const EVIL = 'Team\u001b]0;pwned\u0007\r\u001b]52;c;ZXZpbA==\u0007\u009b2J\u202eend';
const SHOWN = 'Team\\e]0;pwned\\x07\\r\\e]52;c;ZXZpbA==\\x07\\x9b2J\\u202eend';

let world: World;
let calendarId: string;

beforeAll(async () => {
  world = await startWorld();
  calendarId = world.google.addCalendar(world.user.email, { summary: EVIL, accessRole: 'reader' });
  world.google.insertEvent(calendarId, {
    summary: EVIL,
    start: { dateTime: '2026-04-01T09:00:00Z' },
    end: { dateTime: '2026-04-01T10:00:00Z' },
  });
  const app = world.app();
  await world.login(app);
  await app.close();
}, 60_000);
afterAll(() => world.close());

/** Byte-level view of what the terminal receives, as `od -c` prints it. */
const od = (text: string) => execFileSync('od', ['-c'], { input: Buffer.from(text, 'utf8') }).toString('utf8');

describe('human output is inert on a terminal', () => {
  it('calendar names, event and task titles and error text print escaped in every command', async () => {
    expect((await world.cli(['sync'])).code).toBe(0);
    expect((await world.cli(['tasks', 'add', '--title', EVIL, '--duration', '30'])).code).toBe(0);
    // A Google error whose message carries the same sequences.
    world.google.faults.inject({
      match: { path: 'calendarList' },
      action: {
        status: 400,
        body: {
          error: { code: 400, message: EVIL, errors: [{ reason: 'badRequest', domain: 'global', message: EVIL }] },
        },
      },
    });
    const failed = await world.cli(['sync', '--full']); // --full lists the calendars (otherwise only when due)
    expect(failed.code).toBe(1);

    const outputs = [failed];
    for (const args of [
      ['calendars'],
      ['events'],
      ['tasks'],
      ['status'],
      ['runs'],
      ['calendars', 'free', calendarId],
      ['calendars', 'busy', calendarId],
      [`calendars`, 'disable', calendarId],
    ])
      outputs.push(await world.cli(args));
    for (const o of outputs) expect(o.code).toBe(o === failed ? 1 : 0);

    const all = outputs.map((o) => o.stdout + o.stderr).join('');
    // Every piece of hostile text is there, visibly escaped.
    for (const [i, o] of outputs.entries()) expect(o.stdout, `stdout of command ${i}`).toContain(SHOWN);
    expect(failed.stderr).toContain(SHOWN);

    // At the byte level: newlines only, no ESC (033), BEL (\a), CR (\r), no UTF-8 C1 (302 2xx) or RLO (342 200 256).
    const bytes = od(all);
    expect(bytes).not.toMatch(/\b033\b|\\a|\\r|302 +2[0-3][0-7]|342 +200 +256/);
    expect(
      [...all].filter((c) => c !== '\n' && (c < ' ' || (c >= '\u007f' && c <= '\u009f') || c === '\u202e')),
    ).toEqual([]);
  }, 90_000);
});
