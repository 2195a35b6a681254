// Busy mirroring as a pure decision (vdirsyncer's shape): the source's cached
// events + what calsync wrote before + the target's cache → the writes to make.
// Writes nothing; the executor (mirror-executor.ts) carries the plan out.
import { mirrorEventId } from './mirror-id';
import type { DesiredMirror, ExistingMirror, MirrorOptions, MirrorPlan, MirrorWhen, SourceEvent } from './mirror-types';

const MINUTE = 60_000;
const DAY = 86_400_000;
export const BUSY_TITLE = 'Busy';

const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * What a mirror's content is, as one string: its time (instants, or dates for
 * all-day) and title. The same function reads the target's cached copy, so a
 * difference means someone other than calsync changed it.
 */
export function fingerprint(e: {
  allDay: boolean;
  startMs: number | null;
  endMs: number | null;
  startDate: string | null;
  endDate: string | null;
  title: string;
}): string {
  return e.allDay ? `d:${e.startDate}/${e.endDate}|${e.title}` : `t:${e.startMs}/${e.endMs}|${e.title}`;
}

/** Whether a source event is busy time this rule mirrors (Google's meaning of busy, as the planner's). */
export function counts(rule: MirrorOptions, e: SourceEvent, now: number): boolean {
  if (e.mirrorRule !== null) return false; // a mirror (of any rule, any device): no loops, no echoes
  if (e.transparency !== 'opaque') return false;
  if (e.selfResponse === 'declined') return false;
  if (e.endTimeUnspecified) return false;
  if (e.eventType === 'birthday' || e.eventType === 'workingLocation') return false;
  const horizonEnd = now + rule.horizonDays * DAY;
  if (e.allDay) {
    if (!rule.allDay || !e.startDate || !e.endDate) return false;
    // Dates compared in UTC: the horizon is a day-granular window, the same on every machine.
    return e.endDate > utcDate(now) && e.startDate < utcDate(horizonEnd);
  }
  if (e.startMs === null || e.endMs === null || e.endMs <= e.startMs) return false;
  return e.endMs > now && e.startMs < horizonEnd;
}

function endOf(when: MirrorWhen): number {
  // An all-day mirror has ended for everyone a day after its end date's UTC midnight (zones reach ±14 h).
  return when.allDay ? Date.parse(`${when.endDate}T00:00:00Z`) + DAY : when.endMs;
}

export function desiredMirror(rule: MirrorOptions, e: SourceEvent): DesiredMirror {
  const when: MirrorWhen = e.allDay
    ? { allDay: true, startDate: e.startDate!, endDate: e.endDate! }
    : {
        allDay: false,
        startMs: e.startMs! - rule.bufferBeforeMinutes * MINUTE,
        endMs: e.endMs! + rule.bufferAfterMinutes * MINUTE,
      };
  const title = rule.showTitle && e.title.trim() !== '' ? e.title : BUSY_TITLE;
  const fp = when.allDay
    ? fingerprint({ allDay: true, startMs: null, endMs: null, startDate: when.startDate, endDate: when.endDate, title })
    : fingerprint({ allDay: false, startMs: when.startMs, endMs: when.endMs, startDate: null, endDate: null, title });
  return {
    sourceKey: e.key,
    targetId: mirrorEventId(rule.id, e.key),
    sourceVersion: e.updated,
    title,
    when,
    fp,
    endMs: endOf(when),
  };
}

export function planMirror(
  rule: MirrorOptions,
  sources: readonly SourceEvent[],
  existing: readonly ExistingMirror[],
  now: number,
): MirrorPlan {
  const plan: MirrorPlan = { insert: [], update: [], delete: [], leftAlone: [] };
  const desired = new Map<string, DesiredMirror>();
  for (const e of sources) if (counts(rule, e, now)) desired.set(e.key, desiredMirror(rule, e));
  const known = new Map(existing.map((m) => [m.sourceKey, m]));

  for (const d of desired.values()) {
    const m = known.get(d.sourceKey);
    // Unknown outcome (written ahead, no answer): insert again; the id makes it land once.
    if (!m || !m.confirmed) {
      plan.insert.push(d);
      continue;
    }
    const edit = handEdit(m);
    if (edit) {
      plan.leftAlone.push({ sourceKey: m.sourceKey, targetId: m.targetId, reason: edit, report: !m.handEditReported });
      continue;
    }
    if (d.fp !== m.writtenFp) plan.update.push(d);
  }

  for (const m of existing) {
    if (desired.has(m.sourceKey)) continue;
    const edit = m.confirmed ? handEdit(m) : null;
    if (edit === 'hand-edited') {
      // The user made it theirs: it stays, even with its source gone.
      plan.leftAlone.push({ sourceKey: m.sourceKey, targetId: m.targetId, reason: edit, report: !m.handEditReported });
    } else if (m.confirmed && m.writtenEndMs <= now && edit === null) {
      // Ended: history on the target, not rewritten when its source leaves the window behind.
      plan.leftAlone.push({ sourceKey: m.sourceKey, targetId: m.targetId, reason: 'ended', report: false });
    } else {
      plan.delete.push(m);
    }
  }
  return plan;
}

/** A confirmed mirror whose target copy is not what calsync last wrote (changed, or deleted by hand). */
function handEdit(m: ExistingMirror): 'hand-edited' | 'deleted-by-hand' | null {
  if (m.handEdited) return 'hand-edited';
  if (m.target === 'unknown') return null;
  if (m.target === 'absent') return 'deleted-by-hand';
  return m.target.fp === m.writtenFp ? null : 'hand-edited';
}
