// A cache row (EventRow) for store and push tests: a plain timed, opaque,
// confirmed event titled after its id, changed as each test needs.
import type { EventRow } from '../../src/main/core/store/event-row';

export function eventRow(id: string, over: Partial<EventRow> = {}): EventRow {
  return {
    id,
    iCalUID: null,
    recurringEventId: null,
    originalStart: null,
    status: 'confirmed',
    title: id,
    description: null,
    location: null,
    allDay: false,
    startMs: 1_000,
    endMs: 2_000,
    startDate: null,
    endDate: null,
    timeZone: null,
    endTimeUnspecified: false,
    transparency: 'opaque',
    eventType: 'default',
    selfResponse: null,
    updated: '2026-01-01T00:00:00.000Z',
    etag: '"1"',
    calsyncTaskId: null,
    calsyncProposalId: null,
    colorId: null,
    ...over,
  };
}
