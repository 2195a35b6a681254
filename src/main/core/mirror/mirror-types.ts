// The nouns of busy mirroring, shared by the pure plan and its executor.

export interface MirrorOptions {
  id: string;
  /** The source's title instead of "Busy". */
  showTitle: boolean;
  visibility: 'private' | 'default' | 'public';
  /** Whether opaque all-day events are mirrored (as all-day events). */
  allDay: boolean;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  horizonDays: number;
}

/** A cached event of the source calendar (one instance per row for recurring series). */
export interface SourceEvent {
  key: string;
  title: string;
  transparency: 'opaque' | 'transparent';
  selfResponse: 'accepted' | 'declined' | 'tentative' | 'needsAction' | null;
  eventType: string;
  allDay: boolean;
  startMs: number | null;
  endMs: number | null;
  startDate: string | null;
  endDate: string | null;
  endTimeUnspecified: boolean;
  updated: string | null;
  /** Set when the event is itself a mirror (its calsync marker): never mirrored again. */
  mirrorRule: string | null;
}

export type MirrorWhen =
  { allDay: false; startMs: number; endMs: number } | { allDay: true; startDate: string; endDate: string };

/** What the target should hold for one source event. */
export interface DesiredMirror {
  sourceKey: string;
  targetId: string;
  sourceVersion: string | null;
  title: string;
  when: MirrorWhen;
  fp: string;
  endMs: number;
}

/** What calsync remembers writing for one source event, and what the target's cache holds now. */
export interface ExistingMirror {
  sourceKey: string;
  targetId: string;
  sourceVersion: string | null;
  writtenFp: string;
  writtenEndMs: number;
  /** false: written ahead of a call whose outcome is unknown (crash, lost answer). */
  confirmed: boolean;
  /** Google's etag of that write (null: written before etags were kept); guards the next update or delete. */
  writtenEtag: string | null;
  /** Google refused a guarded write because the mirror was changed by hand, whatever the target's cache shows yet. */
  handEdited: boolean;
  handEditReported: boolean;
  /** 'unknown' when the target calendar is not synced into the cache (yet). */
  target: { fp: string } | 'absent' | 'unknown';
}

export type LeftAloneReason = 'hand-edited' | 'deleted-by-hand' | 'ended';

export interface MirrorPlan {
  insert: DesiredMirror[];
  update: DesiredMirror[];
  delete: ExistingMirror[];
  leftAlone: Array<{ sourceKey: string; targetId: string; reason: LeftAloneReason; report: boolean }>;
}
