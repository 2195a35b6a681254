// Which cached events are busy time: per-calendar "blocks my time", all-day
// events as Google means them, and one meeting on several calendars decided
// by the copy on the user's own calendar.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  busyEvents,
  copyIsBusy,
  type BusyCalendar,
  type MirrorSourceLookup,
} from '../../../../src/main/core/planning/busy-events';
import type { CachedEvent } from '../../../../src/shared/domain';

function event(over: Partial<CachedEvent> & Pick<CachedEvent, 'id' | 'calendarId'>): CachedEvent {
  return {
    account: 'me@example.test',
    accountId: 'acc',
    iCalUID: null,
    status: 'confirmed',
    title: over.id,
    description: null,
    location: null,
    allDay: false,
    start: '2026-03-02T09:00:00.000Z',
    end: '2026-03-02T10:00:00.000Z',
    startDate: null,
    endDate: null,
    timeZone: 'UTC',
    endTimeUnspecified: false,
    recurringEventId: null,
    originalStartTime: null,
    transparency: 'opaque',
    eventType: 'default',
    selfResponse: null,
    updated: null,
    etag: null,
    calsync: null,
    ...over,
  };
}

const CALENDARS: Record<string, BusyCalendar> = {
  mine: { blocksTime: true, own: true },
  mineFree: { blocksTime: false, own: true },
  bob: { blocksTime: false, own: false },
  bobBusy: { blocksTime: true, own: false },
};
const lookup = (_: string, calendarId: string) => CALENDARS[calendarId];
const on = { allDayEventsBlock: true };

describe('busyEvents', () => {
  it("a meeting declined on the user's own calendar is free, though the colleague's copy says accepted", () => {
    const mine = event({ id: 'm1', calendarId: 'mine', iCalUID: 'uid-1@google.com', selfResponse: 'declined' });
    const bobs = event({ id: 'm1', calendarId: 'bobBusy', iCalUID: 'uid-1@google.com', selfResponse: 'accepted' });
    expect(busyEvents([bobs, mine], lookup, on)).toEqual([]);
    // Accepted on the own copy: busy once, with the own copy's times.
    const accepted = { ...mine, selfResponse: 'accepted' as const };
    expect(busyEvents([bobs, accepted], lookup, on)).toEqual([accepted]);
  });

  it('calendars that do not block time add nothing; the user can turn one on', () => {
    const e = event({ id: 'x', calendarId: 'bob', iCalUID: 'uid-x' });
    expect(busyEvents([e], lookup, on)).toEqual([]);
    expect(busyEvents([{ ...e, calendarId: 'bobBusy' }], lookup, on)).toHaveLength(1);
  });

  it('all-day events block when opaque, never when transparent or a birthday, and never with the setting off', () => {
    const day = (over: Partial<CachedEvent>) =>
      event({
        id: 'd',
        calendarId: 'mine',
        allDay: true,
        start: null,
        end: null,
        startDate: '2026-03-02',
        endDate: '2026-03-03',
        ...over,
      });
    expect(copyIsBusy(day({}), on)).toBe(true);
    expect(copyIsBusy(day({ eventType: 'outOfOffice' }), on)).toBe(true);
    expect(copyIsBusy(day({ transparency: 'transparent' }), on)).toBe(false);
    expect(copyIsBusy(day({ eventType: 'birthday' }), on)).toBe(false);
    expect(copyIsBusy(day({}), { allDayEventsBlock: false })).toBe(false);
    expect(copyIsBusy(event({ id: 't', calendarId: 'mine' }), { allDayEventsBlock: false })).toBe(true);
  });

  // Oracle, written as the rule reads (DESIGN.md §5), by brute force over all pairs.
  function oracle(events: CachedEvent[], allDayEventsBlock: boolean): CachedEvent[] {
    const same = (a: CachedEvent, b: CachedEvent) =>
      a.iCalUID !== null && a.iCalUID === b.iCalUID && a.originalStartTime === b.originalStartTime;
    const out: CachedEvent[] = [];
    events.forEach((e, i) => {
      const copies = events.filter((c) => same(c, e));
      const own = copies.filter((c) => CALENDARS[c.calendarId]!.own);
      const busy = (c: CachedEvent) => copyIsBusy(c, { allDayEventsBlock });
      if (own.length === 0) {
        if (CALENDARS[e.calendarId]!.blocksTime && busy(e)) out.push(e);
        return;
      }
      const decider = own.find(busy);
      const firstOfMeeting = events.findIndex((c) => same(c, e)) === i;
      if (firstOfMeeting && decider && copies.some((c) => CALENDARS[c.calendarId]!.blocksTime)) out.push(decider);
    });
    return out;
  }

  const arbEvent = fc.record({
    calendarId: fc.constantFrom(...Object.keys(CALENDARS)),
    uid: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: null }),
    slot: fc.option(fc.constantFrom('2026-03-02T09:00:00.000Z', '2026-03-09T09:00:00.000Z'), { nil: null }),
    selfResponse: fc.constantFrom(null, 'accepted', 'declined', 'tentative', 'needsAction'),
    transparency: fc.constantFrom('opaque', 'transparent'),
    allDay: fc.boolean(),
    eventType: fc.constantFrom('default', 'birthday', 'outOfOffice', 'focusTime'),
  });

  it('property: agrees with the rule, and a declined own copy frees the whole meeting', () => {
    fc.assert(
      fc.property(fc.array(arbEvent, { maxLength: 12 }), fc.boolean(), (specs, allDayEventsBlock) => {
        const events = specs.map((s, i) =>
          event({
            id: `e${i}`,
            calendarId: s.calendarId,
            iCalUID: s.uid,
            originalStartTime: s.slot,
            selfResponse: s.selfResponse as CachedEvent['selfResponse'],
            transparency: s.transparency as CachedEvent['transparency'],
            allDay: s.allDay,
            eventType: s.eventType,
          }),
        );
        const got = busyEvents(events, lookup, { allDayEventsBlock });
        expect(got).toEqual(oracle(events, allDayEventsBlock));
        // Metamorphic: every own copy of a meeting declined → nothing of that meeting is busy.
        const target = events.find((e) => e.iCalUID !== null && CALENDARS[e.calendarId]!.own);
        if (target) {
          const declined = events.map((e) =>
            e.iCalUID === target.iCalUID &&
            e.originalStartTime === target.originalStartTime &&
            CALENDARS[e.calendarId]!.own
              ? { ...e, selfResponse: 'declined' as const }
              : e,
          );
          const left = busyEvents(declined, lookup, { allDayEventsBlock });
          expect(
            left.some((e) => e.iCalUID === target.iCalUID && e.originalStartTime === target.originalStartTime),
          ).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });

  // A busy mirror: a copy calsync wrote of another calendar's busy event, never extra busy time when its source counts.
  function mirrorOracle(events: CachedEvent[], allDayEventsBlock: boolean, sourceOf: MirrorSourceLookup) {
    const plain = oracle(events, allDayEventsBlock);
    const sameMeeting = (a: CachedEvent, b: CachedEvent) =>
      a.iCalUID !== null && a.iCalUID === b.iCalUID && a.originalStartTime === b.originalStartTime;
    return plain.filter((e) => {
      const ref = sourceOf(e);
      const source = ref && events.find((s) => s.calendarId === ref.calendarId && s.id === ref.id);
      if (!source) return true;
      return !plain.some((b) => b === source || sameMeeting(b, source));
    });
  }

  it('a mirror counts only when its source does not: never twice, never lost', () => {
    const src = event({ id: 's', calendarId: 'mine', iCalUID: 'uid-s' });
    const mirror = event({ id: 'm', calendarId: 'mine', start: '2026-03-02T08:50:00.000Z' });
    const sourceOf: MirrorSourceLookup = (e) =>
      e.id === 'm' ? { accountId: 'acc', calendarId: src.calendarId, id: 's' } : undefined;
    expect(busyEvents([src, mirror], lookup, on, sourceOf)).toEqual([src]);
    // The source is free, declined, or on a calendar that does not block time: the mirror is the busy time.
    expect(busyEvents([{ ...src, transparency: 'transparent' }, mirror], lookup, on, sourceOf)).toEqual([mirror]);
    const free = { ...src, calendarId: 'bob' };
    const fromBob: MirrorSourceLookup = (e) =>
      e.id === 'm' ? { accountId: 'acc', calendarId: 'bob', id: 's' } : undefined;
    expect(busyEvents([free, mirror], lookup, on, fromBob)).toEqual([mirror]);
    // Its meeting counts through the user's own copy: the mirror of the colleague's copy adds nothing.
    const own = event({ id: 's', calendarId: 'mineFree', iCalUID: 'uid-s', selfResponse: 'accepted' });
    const bobs = event({ id: 's', calendarId: 'bobBusy', iCalUID: 'uid-s' });
    const fromBobBusy: MirrorSourceLookup = (e) =>
      e.id === 'm' ? { accountId: 'acc', calendarId: 'bobBusy', id: 's' } : undefined;
    expect(busyEvents([own, bobs, mirror], lookup, on, fromBobBusy)).toEqual([own]);
    // Source not in the cache here (not synced): the mirror counts.
    expect(busyEvents([mirror], lookup, on, sourceOf)).toEqual([mirror]);
  });

  it('property: mirrors agree with the oracle; without mirror information the plain rule holds', () => {
    const arbMirrored = fc.record({ base: arbEvent, mirrorOf: fc.option(fc.nat(13), { nil: null }) });
    fc.assert(
      fc.property(fc.array(arbMirrored, { maxLength: 12 }), fc.boolean(), (specs, allDayEventsBlock) => {
        const events = specs.map(({ base: s, mirrorOf }, i) =>
          event({
            id: `e${i}`,
            calendarId: s.calendarId,
            // A mirror is its own event at Google: its own iCalUID, in no meeting with its source.
            iCalUID: mirrorOf === null ? s.uid : null,
            originalStartTime: s.slot,
            selfResponse: s.selfResponse as CachedEvent['selfResponse'],
            transparency: s.transparency as CachedEvent['transparency'],
            allDay: s.allDay,
            eventType: s.eventType,
          }),
        );
        const sources = new Map<string, { accountId: string; calendarId: string; id: string }>();
        specs.forEach(({ mirrorOf }, i) => {
          if (mirrorOf === null || mirrorOf === i) return;
          const src = events[mirrorOf];
          // An index past the end: the source is not in the cache.
          sources.set(`e${i}`, { accountId: 'acc', calendarId: src?.calendarId ?? 'mine', id: `e${mirrorOf}` });
        });
        const sourceOf: MirrorSourceLookup = (e) => sources.get(e.id);
        const got = busyEvents(events, lookup, { allDayEventsBlock }, sourceOf);
        expect(got).toEqual(mirrorOracle(events, allDayEventsBlock, sourceOf));
        // No mirror information: exactly the plain rule.
        expect(busyEvents(events, lookup, { allDayEventsBlock })).toEqual(oracle(events, allDayEventsBlock));
      }),
      { numRuns: 2000 },
    );
  });
});
