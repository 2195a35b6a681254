// The first-sync progress line: calendar i of n in the order the run reached
// them, pages of the current calendar, events over the whole run, a rate.
import { describe, expect, it } from 'vitest';
import { advance, progressLine, startProgress } from '../../../src/main/cli/progress';

const names: Record<string, string> = { a: 'Ada', b: 'Work\u001b[2J' };
const name = (id: string) => names[id] ?? id;

describe('sync progress', () => {
  it('counts calendars, pages and events across the run, with a rate', () => {
    let s = startProgress(0, 0); // the first run knows no calendars yet
    expect(progressLine(s, 0, name)).toBe('');
    s = advance(s, { calendarId: 'a', pages: 1, events: 2500 }, 2);
    expect(progressLine(s, 500, name)).toBe('syncing calendar 1 of 2 (Ada): page 1, 2,500 events');
    s = advance(s, { calendarId: 'a', pages: 2, events: 3000 }, 2);
    s = advance(s, { calendarId: 'b', pages: 1, events: 1000 }, 2);
    // 3,000 from Ada + 1,000 so far from Work, over 2 s; the name is printed inert.
    expect(progressLine(s, 2000, name)).toBe(
      'syncing calendar 2 of 2 (Work\\e[2J): page 1, 4,000 events, 2,000 events/s',
    );
  });

  it('never says "calendar i of n" with i > n, even when the list grows during the run', () => {
    let s = startProgress(1, 0);
    s = advance(s, { calendarId: 'a', pages: 1, events: 1 }, 1);
    s = advance(s, { calendarId: 'b', pages: 1, events: 1 }, 1);
    expect(progressLine(s, 0, name)).toMatch(/calendar 2 of 2/);
  });
});
