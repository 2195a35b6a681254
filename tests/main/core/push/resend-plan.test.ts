// The re-send decision (push/resend-plan.ts), first on its own, then driving
// devices in a model of the workspace: several devices toggle calendars and
// push in any order; after every device has pushed twice more, each
// calendar's live workspace rows must be what the devices' settings say —
// every event of it while any device syncs it, none once no device does.
// The model implements the workspace's ordering rule for withdrawn deletes
// (20260301000500) and the outbox's compaction, not the decision: without a
// re-send the oracle fails (a device that still syncs a calendar keeps it
// hidden after another device withdrew it).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planResend, type ResendPlan } from '../../../../src/main/core/push/resend-plan';

const ids = ['a@example.test', 'team', 'constructor', '__proto__'];
const marksArb = fc.dictionary(fc.constantFrom(...ids), fc.constantFrom('1@t1', '2@t2', '3@t3'), {
  noNullPrototype: true,
});

describe('planResend', () => {
  it('re-sends exactly the synced calendars whose mark moved, and remembers every mark as read', () => {
    fc.assert(
      fc.property(marksArb, marksArb, fc.subarray(ids), (marks, seen, syncedList) => {
        const synced = new Set(syncedList);
        const plan = planResend({ marks, seen, synced });
        for (const id of ids) {
          const moved = Object.hasOwn(marks, id) && !(Object.hasOwn(seen, id) && seen[id] === marks[id]);
          expect(plan.resend.includes(id)).toBe(moved && synced.has(id));
        }
        expect(plan.resend).toEqual([...plan.resend].sort());
        expect(plan.seen).toEqual(marks);
        // Seen once: the same marks again re-send nothing.
        expect(planResend({ marks, seen: plan.seen, synced }).resend).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('re-sends a withdrawn calendar the first time (nothing seen yet), and not one this device does not sync', () => {
    expect(planResend({ marks: { team: '1@t' }, seen: {}, synced: new Set(['team']) }).resend).toEqual(['team']);
    expect(planResend({ marks: { team: '1@t' }, seen: {}, synced: new Set(['other']) })).toEqual({
      resend: [],
      seen: { team: '1@t' },
    });
    expect(planResend({ marks: { team: '2@t' }, seen: { team: '1@t' }, synced: new Set(['team']) }).resend).toEqual([
      'team',
    ]);
  });
});

// ---- the model -------------------------------------------------------------

type Op = { kind: 'toggle'; device: number; calendar: number } | { kind: 'push'; device: number };

interface Entry {
  op: 'upsert' | 'withdraw';
  /** Never sent by this device: a deletion before sending leaves nothing (outbox-schema.ts). */
  unsent: boolean;
}

interface Device {
  enabled: boolean[];
  outbox: Map<string, Entry>;
  seen: Record<string, string>;
}

interface Row {
  live: boolean;
  by: number;
}

const CALENDARS = 2;
const EVENTS = 2;
const calId = (c: number) => `cal${c}`;
const keyOf = (c: number, e: number) => `${c}/${e}`;

class Model {
  readonly rows = new Map<string, Row>();
  readonly marks: number[] = new Array<number>(CALENDARS).fill(0);
  readonly devices: Device[];

  constructor(
    initial: boolean[][],
    private readonly decide: typeof planResend,
  ) {
    // Each device's first sync queued its enabled calendars.
    this.devices = initial.map((enabled) => {
      const outbox = new Map<string, Entry>();
      enabled.forEach((on, c) => {
        if (on) for (let e = 0; e < EVENTS; e++) outbox.set(keyOf(c, e), { op: 'upsert', unsent: true });
      });
      return { enabled: [...enabled], outbox, seen: {} };
    });
  }

  toggle(d: number, c: number): void {
    const dev = this.devices[d]!;
    dev.enabled[c] = !dev.enabled[c];
    for (let e = 0; e < EVENTS; e++) {
      const k = keyOf(c, e);
      const cur = dev.outbox.get(k);
      if (dev.enabled[c]) dev.outbox.set(k, cur ? { ...cur, op: 'upsert' } : { op: 'upsert', unsent: true });
      else if (cur?.unsent) dev.outbox.delete(k);
      else dev.outbox.set(k, { op: 'withdraw', unsent: false });
    }
  }

  push(d: number): void {
    const dev = this.devices[d]!;
    // Marks as the workspace returns them: only calendars ever withdrawn from.
    const marks: Record<string, string> = {};
    this.marks.forEach((n, c) => {
      if (n > 0) marks[calId(c)] = `${n}@x`;
    });
    const synced = new Set(dev.enabled.flatMap((on, c) => (on ? [calId(c)] : [])));
    const plan: ResendPlan = this.decide({ marks, seen: dev.seen, synced });
    for (const id of plan.resend) {
      const c = Number(id.slice(3));
      for (let e = 0; e < EVENTS; e++)
        if (!dev.outbox.has(keyOf(c, e))) dev.outbox.set(keyOf(c, e), { op: 'upsert', unsent: false });
    }
    dev.seen = plan.seen;
    for (const [k, entry] of dev.outbox) {
      const row = this.rows.get(k);
      if (entry.op === 'upsert') {
        // Same version everywhere: inserts a missing row, revives a withdrawn tombstone, leaves a live row as it is.
        if (!row || !row.live) this.rows.set(k, { live: true, by: d });
      } else if (row?.live && row.by === d) {
        row.live = false;
        this.marks[Number(k.split('/')[0])]!++;
      }
    }
    dev.outbox.clear();
  }
}

const opArb = (devices: number): fc.Arbitrary<Op> =>
  fc.oneof(
    fc.record({ kind: fc.constant('toggle' as const), device: fc.nat(devices - 1), calendar: fc.nat(CALENDARS - 1) }),
    fc.record({ kind: fc.constant('push' as const), device: fc.nat(devices - 1) }),
  );

const scenarioArb = fc.integer({ min: 2, max: 3 }).chain((n) =>
  fc.record({
    initial: fc.array(fc.array(fc.boolean(), { minLength: CALENDARS, maxLength: CALENDARS }), {
      minLength: n,
      maxLength: n,
    }),
    ops: fc.array(opArb(n), { maxLength: 60 }),
  }),
);

/** Runs the scenario, then every device pushes twice more; returns the calendars whose live rows are not what the settings say. */
function wrongCalendars(s: { initial: boolean[][]; ops: Op[] }, decide: typeof planResend): string[] {
  const m = new Model(s.initial, decide);
  for (const op of s.ops) {
    if (op.kind === 'toggle') m.toggle(op.device, op.calendar);
    else m.push(op.device);
  }
  for (let round = 0; round < 2; round++) m.devices.forEach((_, d) => m.push(d));
  const wrong: string[] = [];
  for (let c = 0; c < CALENDARS; c++) {
    const syncedSomewhere = m.devices.some((dev) => dev.enabled[c]);
    for (let e = 0; e < EVENTS; e++) {
      if ((m.rows.get(keyOf(c, e))?.live ?? false) !== syncedSomewhere) {
        wrong.push(calId(c));
        break;
      }
    }
  }
  return wrong;
}

describe('planResend driving devices against a model workspace', () => {
  it('after every device pushed twice more, a calendar is live in full while any device syncs it and hidden once none does', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        expect(wrongCalendars(s, planResend)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('the oracle catches the old behaviour: without a re-send a withdrawn calendar stays hidden from the device that syncs it', () => {
    const never: typeof planResend = ({ marks }) => ({ resend: [], seen: { ...marks } });
    // Both devices sync cal0; A pushes first (its rows), B's re-send changes nothing, A disables and pushes.
    const s = {
      initial: [
        [true, false],
        [true, false],
      ],
      ops: [
        { kind: 'push', device: 0 },
        { kind: 'push', device: 1 },
        { kind: 'toggle', device: 0, calendar: 0 },
        { kind: 'push', device: 0 },
      ] as Op[],
    };
    expect(wrongCalendars(s, never)).toEqual(['cal0']);
    expect(wrongCalendars(s, planResend)).toEqual([]);
    // A second withdrawal after B saw the first (B withdrew and came back, A pushed again meanwhile).
    const again = {
      ...s,
      ops: [
        ...s.ops,
        { kind: 'push', device: 1 },
        { kind: 'toggle', device: 1, calendar: 0 },
        { kind: 'push', device: 1 },
        { kind: 'toggle', device: 0, calendar: 0 },
        { kind: 'push', device: 0 },
        { kind: 'toggle', device: 1, calendar: 0 },
        { kind: 'push', device: 1 },
        { kind: 'toggle', device: 0, calendar: 0 },
        { kind: 'push', device: 0 },
      ] as Op[],
    };
    const firstTimeOnly: typeof planResend = ({ marks, seen, synced }) => ({
      resend: Object.keys(marks).filter((id) => synced.has(id) && !Object.hasOwn(seen, id)),
      seen: { ...marks },
    });
    expect(wrongCalendars(again, firstTimeOnly)).toEqual(['cal0']);
    expect(wrongCalendars(again, planResend)).toEqual([]);
    // And a random search finds such a case on its own.
    expect(() =>
      fc.assert(
        fc.property(scenarioArb, (sc) => wrongCalendars(sc, never).length === 0),
        { numRuns: 500, seed: 1 },
      ),
    ).toThrow();
  });
});
