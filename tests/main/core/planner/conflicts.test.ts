import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findConflicts } from '../../../../src/main/core/planner';
import type { AcceptedBlock, ConflictInput } from '../../../../src/main/core/planner/types';
import { factsFor } from './helpers/checker';
import { planInput } from './helpers/arbitraries';

const at = (iso: string): number => Date.parse(iso);
const iso = (t: number): string => new Date(t).toISOString();

// Monday 23 March 2026 in Berlin; office hours 09:00–17:00.
function input(over: Partial<ConflictInput> = {}): ConflictInput {
  const office: Array<[string, string]> = [['09:00', '17:00']];
  return {
    now: at('2026-03-23T08:00:00+01:00'),
    timeZone: 'Europe/Berlin',
    workingHours: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
    bufferMinutes: 0,
    horizonDays: 7,
    leadTimeMinutes: 0,
    tasks: [
      {
        id: 'write',
        durationMinutes: 120,
        priority: 2,
        due: null,
        earliest: null,
        minChunkMinutes: 30,
        maxChunkMinutes: 120,
      },
    ],
    busy: [],
    accepted: [],
    ...over,
  };
}

const block = (id: string, start: string, end: string, googleEventId: string | null = null): AcceptedBlock => ({
  proposalId: id,
  taskId: 'write',
  start: at(start),
  end: at(end),
  googleEventId,
});

describe('findConflicts', () => {
  it('moves an overlapped block to the nearest free slot of the same length', () => {
    const out = findConflicts(
      input({
        accepted: [block('b1', '2026-03-23T10:00:00+01:00', '2026-03-23T11:00:00+01:00')],
        busy: [{ start: at('2026-03-23T10:30:00+01:00'), end: at('2026-03-23T11:30:00+01:00') }],
      }),
    );
    // 09:30–10:30 is free (the block's own old time is not busy) and only 30 min away.
    expect(out).toEqual([
      { proposalId: 'b1', moveTo: { start: at('2026-03-23T09:30:00+01:00'), end: at('2026-03-23T10:30:00+01:00') } },
    ]);
  });

  it('keeps buffers and never lands before now + lead time', () => {
    const out = findConflicts(
      input({
        bufferMinutes: 15,
        leadTimeMinutes: 90, // nothing before 09:30
        accepted: [block('b1', '2026-03-23T10:00:00+01:00', '2026-03-23T11:00:00+01:00')],
        busy: [{ start: at('2026-03-23T10:30:00+01:00'), end: at('2026-03-23T11:30:00+01:00') }],
      }),
    );
    expect(out[0]!.moveTo && [iso(out[0]!.moveTo.start), iso(out[0]!.moveTo.end)]).toEqual([
      '2026-03-23T10:45:00.000Z',
      '2026-03-23T11:45:00.000Z',
    ]);
  });

  it('two clashing blocks never get the same new slot', () => {
    const out = findConflicts(
      input({
        accepted: [
          block('b1', '2026-03-23T10:00:00+01:00', '2026-03-23T11:00:00+01:00'),
          block('b2', '2026-03-23T11:00:00+01:00', '2026-03-23T12:00:00+01:00'),
        ],
        busy: [{ start: at('2026-03-23T10:00:00+01:00'), end: at('2026-03-23T12:00:00+01:00') }],
      }),
    );
    expect(out.map((c) => c.moveTo && iso(c.moveTo.start))).toEqual([
      '2026-03-23T08:00:00.000Z',
      '2026-03-23T11:00:00.000Z',
    ]);
  });

  it('ignores the block’s own event, ended blocks and mere neighbours', () => {
    const own = block('b1', '2026-03-23T10:00:00+01:00', '2026-03-23T11:00:00+01:00', 'gcal-1');
    const past = { ...block('b0', '2026-03-23T06:00:00+01:00', '2026-03-23T07:00:00+01:00'), taskId: 'write' };
    expect(
      findConflicts(
        input({
          accepted: [own, past],
          busy: [
            { start: own.start, end: own.end, eventId: 'gcal-1' },
            { start: past.start, end: past.end },
            { start: own.end, end: own.end + 3_600_000 },
          ],
        }),
      ),
    ).toEqual([]);
  });

  it('says null when no slot is left in the task’s window', () => {
    const out = findConflicts(
      input({
        tasks: [
          {
            id: 'write',
            durationMinutes: 60,
            priority: 2,
            due: at('2026-03-23T12:00:00+01:00'),
            earliest: null,
            minChunkMinutes: 30,
            maxChunkMinutes: 60,
          },
        ],
        accepted: [block('b1', '2026-03-23T10:00:00+01:00', '2026-03-23T11:00:00+01:00')],
        busy: [{ start: at('2026-03-23T09:00:00+01:00'), end: at('2026-03-23T12:00:00+01:00') }],
      }),
    );
    expect(out).toEqual([
      { proposalId: 'b1', moveTo: null, reason: 'no free 1h left in working hours before its due date' },
    ]);
  });

  it('every proposed move obeys the planner rules (random inputs)', () => {
    fc.assert(
      fc.property(planInput({ maxTasks: 4 }), (p) => {
        const conflictInput: ConflictInput = { ...p };
        const conflicts = findConflicts(conflictInput);
        const moved = new Set(conflicts.map((c) => c.proposalId));
        const own = new Set(p.accepted.map((a) => a.googleEventId));
        const clashing = p.accepted.filter(
          (a) => a.end > p.now && p.busy.some((b) => !own.has(b.eventId ?? null) && b.start < a.end && b.end > a.start),
        );
        expect([...moved].sort()).toEqual(clashing.map((a) => a.proposalId).sort());
        const staying = p.accepted.filter((a) => !moved.has(a.proposalId));
        // Judge each move as a one-block plan among the blocks that stay; a
        // moving block's own Google event moves with it.
        const movingEvents = new Set(p.accepted.filter((a) => moved.has(a.proposalId)).map((a) => a.googleEventId));
        const busy = p.busy.filter((b) => !movingEvents.has(b.eventId ?? null));
        const facts = factsFor({ ...p, busy, accepted: staying, rejected: [], previous: [] });
        for (const c of conflicts) {
          if (!c.moveTo) continue;
          const a = p.accepted.find((x) => x.proposalId === c.proposalId)!;
          expect(c.moveTo.end - c.moveTo.start).toBe(a.end - a.start);
          const f = facts.get(a.taskId);
          if (!f) continue; // a block whose task is gone may move anywhere free
          for (let q = c.moveTo.start; q < c.moveTo.end; q += 15 * 60_000) expect(f.free).toContain(q);
        }
        const targets = conflicts.flatMap((c) => (c.moveTo ? [c.moveTo] : []));
        for (let i = 0; i < targets.length; i++)
          for (let j = i + 1; j < targets.length; j++)
            expect(
              targets[i]!.end + p.bufferMinutes * 60_000 <= targets[j]!.start ||
                targets[j]!.end + p.bufferMinutes * 60_000 <= targets[i]!.start,
            ).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
