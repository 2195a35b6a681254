// The Google event a mirror is: its time (with buffers), "Busy" or the
// source's title, private, opaque, no reminders, and calsync's markers in
// extendedProperties.private (rule, source event, source version) — so a
// mirror is recognised wherever it is seen and never mirrored again.
import type { GoogleEventBody } from '../google/event-writer';
import { MARKER_MIRROR_RULE, MARKER_MIRROR_SOURCE, MARKER_MIRROR_VERSION } from '../sync/normalize-event';
import type { DesiredMirror, MirrorOptions } from './mirror-types';

export function mirrorBody(rule: MirrorOptions, d: DesiredMirror): GoogleEventBody {
  const when = d.when.allDay
    ? { start: { date: d.when.startDate }, end: { date: d.when.endDate } }
    : {
        start: { dateTime: new Date(d.when.startMs).toISOString() },
        end: { dateTime: new Date(d.when.endMs).toISOString() },
      };
  return {
    id: d.targetId,
    summary: d.title,
    ...when,
    status: 'confirmed',
    transparency: 'opaque',
    visibility: rule.visibility,
    // A mirror is a placeholder: it should not ring a second time.
    reminders: { useDefault: false, overrides: [] },
    extendedProperties: {
      private: {
        [MARKER_MIRROR_RULE]: rule.id,
        [MARKER_MIRROR_SOURCE]: d.sourceKey,
        [MARKER_MIRROR_VERSION]: d.sourceVersion ?? '',
      },
    },
  };
}

/** Whether an event found at Google under a mirror's id was written by this rule for this source. */
export function isOurMirror(ev: GoogleEventBody, ruleId: string, sourceKey: string): boolean {
  const p = ev.extendedProperties?.private;
  return p?.[MARKER_MIRROR_RULE] === ruleId && p?.[MARKER_MIRROR_SOURCE] === sourceKey;
}
