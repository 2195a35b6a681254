// The hand-written event reader against the zod schema it replaced (the
// oracle, kept here verbatim): on any input — well-formed events, events with
// every field of a wrong type, arbitrary JSON values — it accepts and refuses
// the same items and reads the same value of every field the normaliser uses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readEventFields, type EventFields } from '../../../../src/main/core/sync/event-fields';
import { normalizeEvent } from '../../../../src/main/core/sync/normalize-event';
import { arbGoogleEvent } from '../../../helpers/arb-google-event';

const str = z.string().optional().catch(undefined);
const when = z.object({ date: str, dateTime: str, timeZone: str }).partial().optional().catch(undefined);
const eventSchema = z.object({
  id: z.string().min(1).max(1024),
  status: str,
  summary: str,
  description: str,
  location: str,
  iCalUID: str,
  recurringEventId: str,
  originalStartTime: when,
  start: when,
  end: when,
  transparency: str,
  eventType: str,
  updated: str,
  etag: str,
  colorId: str,
  endTimeUnspecified: z.boolean().optional().catch(undefined),
  recurrence: z.array(z.unknown()).optional().catch(undefined),
  attendees: z
    .array(z.object({ self: z.boolean().optional().catch(undefined), responseStatus: str }).catch({}))
    .optional()
    .catch(undefined),
  extendedProperties: z
    .object({ private: z.record(z.string(), z.string()).optional().catch(undefined) })
    .optional()
    .catch(undefined),
});

/** What the old normaliser read from zod's output, in the reader's shape. */
function oracle(raw: unknown): EventFields | null {
  const p = eventSchema.safeParse(raw);
  if (!p.success) return null;
  const { recurrence, attendees, extendedProperties, ...rest } = p.data;
  return {
    ...rest,
    isSeriesMaster: recurrence !== undefined,
    selfResponseStatus: attendees?.find((a) => a.self === true)?.responseStatus,
    taskMarker: extendedProperties?.private?.calsyncTaskId,
    proposalMarker: extendedProperties?.private?.calsyncProposalId,
    mirrorRuleMarker: extendedProperties?.private?.calsyncMirrorRule,
  };
}

/** Drops undefined members, so "absent" and "undefined" compare equal and nothing else does. */
const defined = (v: unknown): unknown =>
  JSON.parse(JSON.stringify(v, (_k, x: unknown) => (x === undefined ? undefined : x)) ?? 'null');

const wrong = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.boolean(),
  fc.string(),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.oneof(fc.string(), fc.integer()), { maxKeys: 2 }),
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.oneof(a, wrong, fc.constant(undefined));
const arbWhen = maybe(
  fc.record({ date: maybe(fc.string()), dateTime: maybe(fc.string()), timeZone: maybe(fc.string()) }),
);
const arbAttendee = fc.oneof(
  fc.record({ self: maybe(fc.boolean()), responseStatus: maybe(fc.constantFrom('accepted', 'declined', 'x')) }),
  wrong,
);
const protoKey = fc.constantFrom('__proto__', 'calsyncTaskId', 'calsyncProposalId', 'calsyncMirrorRule', 'other');
const arbPrivate = fc.oneof(
  fc.dictionary(fc.oneof(protoKey, fc.string({ maxLength: 4 })), fc.string({ maxLength: 4 }), { maxKeys: 3 }),
  fc.dictionary(protoKey, fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxKeys: 3 }),
  wrong,
);
/** Every field the schema names, each of its type, of a wrong type, or absent. */
const arbMessyEvent = fc.record(
  {
    id: fc.oneof(
      fc.string({ minLength: 0, maxLength: 8 }),
      fc.constant('x'.repeat(1025)),
      fc.constant('y'.repeat(1024)),
      wrong,
    ),
    status: maybe(fc.constantFrom('confirmed', 'tentative', 'cancelled')),
    summary: maybe(fc.string()),
    description: maybe(fc.string()),
    location: maybe(fc.string()),
    iCalUID: maybe(fc.string()),
    recurringEventId: maybe(fc.string()),
    originalStartTime: arbWhen,
    start: arbWhen,
    end: arbWhen,
    transparency: maybe(fc.constantFrom('opaque', 'transparent')),
    eventType: maybe(fc.string()),
    updated: maybe(fc.string()),
    etag: maybe(fc.string()),
    colorId: maybe(fc.string()),
    endTimeUnspecified: maybe(fc.boolean()),
    recurrence: maybe(fc.array(fc.string(), { maxLength: 2 })),
    attendees: maybe(fc.array(arbAttendee, { maxLength: 3 })),
    extendedProperties: maybe(fc.record({ private: maybe(arbPrivate) }, { requiredKeys: [] })),
    unknownField: maybe(fc.string()),
  },
  { requiredKeys: [] },
);
// As the engine gets them: through JSON, where `__proto__` is an own key.
const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v) ?? 'null');

describe('readEventFields', () => {
  it('agrees with the zod schema on events with fields of any type', () => {
    fc.assert(
      fc.property(arbMessyEvent, (e) => {
        const raw = asJson(e);
        expect(defined(readEventFields(raw))).toEqual(defined(oracle(raw)));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with the zod schema on realistic generated events', () => {
    fc.assert(
      fc.property(arbGoogleEvent, (g) => {
        expect(defined(readEventFields(g.raw))).toEqual(defined(oracle(g.raw)));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with the zod schema on arbitrary values, and the normaliser never throws on them', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(defined(readEventFields(v))).toEqual(defined(oracle(v)));
        expect(() => normalizeEvent(v, 'UTC')).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });

  it('reads a marker only from a private record of strings', () => {
    const base = { id: 'e1', start: { dateTime: '2026-01-01T10:00:00Z' } };
    const read = (priv: unknown) => readEventFields(asJson({ ...base, extendedProperties: { private: priv } }));
    expect(read({ calsyncTaskId: 't', calsyncProposalId: 'p', calsyncMirrorRule: 'r', n: '1' })).toMatchObject({
      taskMarker: 't',
      proposalMarker: 'p',
      mirrorRuleMarker: 'r',
    });
    expect(read({ calsyncMirrorRule: 'r', n: 1 })?.mirrorRuleMarker).toBeUndefined();
    expect(read({ calsyncTaskId: 't', n: 1 })?.taskMarker).toBeUndefined();
    expect(read(JSON.parse('{"__proto__": 5, "calsyncTaskId": "t"}'))?.taskMarker).toBe('t');
    expect(read({})?.taskMarker).toBeUndefined();
  });
});
