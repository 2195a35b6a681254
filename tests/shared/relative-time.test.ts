import { describe, expect, it } from 'vitest';
import { relativeTime } from '../../src/shared/relative-time';

const NOW = Date.parse('2026-03-29T12:00:00Z');
const at = (offsetMs: number): string => new Date(NOW + offsetMs).toISOString();
const MIN = 60_000;

describe('relativeTime', () => {
  it('says never and unknown for what is not a time', () => {
    expect(relativeTime(null, NOW)).toBe('never');
    expect(relativeTime('not a date', NOW)).toBe('unknown');
  });

  it('is "just now" within a minute either side, and counts whole units after', () => {
    expect(relativeTime(at(-59_999), NOW)).toBe('just now');
    expect(relativeTime(at(59_999), NOW)).toBe('just now');
    expect(relativeTime(at(-MIN), NOW)).toBe('1 minute ago');
    expect(relativeTime(at(-59 * MIN - 59_000), NOW)).toBe('59 minutes ago');
    expect(relativeTime(at(-60 * MIN), NOW)).toBe('1 hour ago');
    expect(relativeTime(at(-(24 * 60 - 1) * MIN), NOW)).toBe('23 hours ago');
    expect(relativeTime(at(-8 * 24 * 60 * MIN), NOW)).toBe('8 days ago');
    expect(relativeTime(at(14 * MIN + 30_000), NOW)).toBe('in 14 minutes');
  });

  it('counts elapsed time, not wall clocks: the same across a DST change in any TZ', () => {
    // 2026-03-29 is the EU spring-forward day; 3 h of elapsed time stays 3 hours.
    expect(relativeTime('2026-03-29T09:00:00Z', NOW)).toBe('3 hours ago');
  });
});
