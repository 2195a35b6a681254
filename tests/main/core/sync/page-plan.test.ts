// One page of events.list → what it means for the cache (sync/page-plan.ts):
// every item lands in exactly one place — an upsert or a delete in page order,
// or a skip that names the item and why — and what normalising noticed about
// a kept event is reported against that event's id.
import { describe, expect, it } from 'vitest';
import { planPage } from '../../../../src/main/core/sync/page-plan';

const timed = (id: string, start: string, end: string | null, extra: Record<string, unknown> = {}) => ({
  id,
  status: 'confirmed',
  summary: id,
  updated: '2026-06-01T10:00:00.000Z',
  start: { dateTime: start },
  ...(end === null ? {} : { end: { dateTime: end } }),
  ...extra,
});

describe('planPage', () => {
  it('a clean page is upserts and deletes in page order, with no skips and no notes', () => {
    const plan = planPage(
      [
        timed('a', '2026-06-15T09:00:00Z', '2026-06-15T10:00:00Z'),
        { id: 'b', status: 'cancelled' },
        timed('a', '2026-06-15T11:00:00Z', '2026-06-15T12:00:00Z'),
        { id: 'c', status: 'cancelled', updated: '2026-06-02T08:00:00.000Z' },
      ],
      'UTC',
    );
    expect(
      plan.actions.map((a) => (a.kind === 'upsert' ? `upsert ${a.row.id} ${a.row.startMs}` : `delete ${a.id}`)),
    ).toEqual([
      `upsert a ${Date.parse('2026-06-15T09:00:00Z')}`,
      'delete b',
      `upsert a ${Date.parse('2026-06-15T11:00:00Z')}`,
      'delete c',
    ]);
    expect(plan.actions[1]).toEqual({ kind: 'delete', id: 'b', updated: null });
    expect(plan.actions[3]).toEqual({ kind: 'delete', id: 'c', updated: '2026-06-02T08:00:00.000Z' });
    expect(plan.skips).toEqual([]);
    expect(plan.notes).toEqual([]);
  });

  it('skips name the item (null when it has no usable id) and the reason; they change nothing', () => {
    const plan = planPage(
      [
        { summary: 'no id at all' },
        { id: 42, status: 'confirmed' },
        timed('master', '2026-06-15T09:00:00Z', '2026-06-15T10:00:00Z', { recurrence: ['RRULE:FREQ=DAILY'] }),
        { id: 'nostart', status: 'confirmed', summary: 'x', end: { dateTime: '2026-06-15T10:00:00Z' } },
        timed('kept', '2026-06-15T09:00:00Z', '2026-06-15T10:00:00Z'),
      ],
      'UTC',
    );
    expect(plan.skips.map((s) => s.id)).toEqual([null, null, 'master', 'nostart']);
    expect(plan.skips[0]!.reason).toMatch(/without a usable id/);
    expect(plan.skips[2]!.reason).toMatch(/series master/);
    expect(plan.skips[3]!.reason).toMatch(/no start/);
    expect(plan.actions.map((a) => (a.kind === 'upsert' ? a.row.id : a.id))).toEqual(['kept']);
    expect(plan.notes).toEqual([]);
  });

  it("notes are reported against the kept event's id, in page order", () => {
    const plan = planPage(
      [
        timed('backwards', '2026-06-15T10:00:00Z', '2026-06-15T09:00:00Z'),
        timed('fine', '2026-06-15T09:00:00Z', '2026-06-15T10:00:00Z'),
        timed('odd-zone', '2026-06-15T09:00:00Z', '2026-06-15T10:00:00Z', {
          start: { dateTime: '2026-06-15T09:00:00Z', timeZone: 'Mars/Olympus' },
        }),
      ],
      'UTC',
    );
    expect(plan.actions.map((a) => (a.kind === 'upsert' ? a.row.id : a.id))).toEqual(['backwards', 'fine', 'odd-zone']);
    expect(plan.notes.map((n) => n.id)).toEqual(['backwards', 'odd-zone']);
    expect(plan.notes[0]!.note).toMatch(/zero-length/);
    expect(plan.notes[1]!.note).toMatch(/unknown time zone "Mars\/Olympus"/);
    expect(plan.skips).toEqual([]);
  });
});
