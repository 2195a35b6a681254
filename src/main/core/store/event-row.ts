// The cache's shape of one event, as the normaliser produces it and the
// events table stores it.
import type { EventStatus, SelfResponse } from '../../../shared/domain';

export interface EventRow {
  id: string;
  iCalUID: string | null;
  recurringEventId: string | null;
  originalStart: string | null;
  status: Exclude<EventStatus, 'cancelled'>;
  title: string;
  description: string | null;
  location: string | null;
  allDay: boolean;
  startMs: number | null;
  endMs: number | null;
  startDate: string | null;
  endDate: string | null;
  timeZone: string | null;
  endTimeUnspecified: boolean;
  transparency: 'opaque' | 'transparent';
  eventType: string;
  selfResponse: SelfResponse | null;
  updated: string | null;
  etag: string | null;
  calsyncTaskId: string | null;
  calsyncProposalId: string | null;
  colorId: string | null;
  /** The mirror rule that wrote this event (core/mirror), from its marker; such events are never mirrored again. */
  calsyncMirrorRule?: string | null;
}
