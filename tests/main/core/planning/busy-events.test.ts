// Which cached events are busy time: per-calendar "blocks my time", all-day
// events as Google means them, and one meeting on several calendars decided
// by the copy on the user's own calendar.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { busyEvents, copyIsBusy, type BusyCalendar } from '../../../../src/main/core/planning/busy-events';
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
});
