// planMirror against an oracle written from the rules in the issue (busy =
// opaque, not declined, not a mirror, inside the horizon; all-day only when
// asked), and against a model of the target: applying a plan and planning
// again changes nothing; hand-edited mirrors are never written and reported once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mirrorEventId } from '../../../../src/main/core/mirror/mirror-id';
import { planMirror, fingerprint } from '../../../../src/main/core/mirror/plan-mirror';
import type {
  ExistingMirror,
  MirrorOptions,
  MirrorPlan,
  SourceEvent,
} from '../../../../src/main/core/mirror/mirror-types';

const NOW = Date.parse('2026-03-02T12:00:00Z');
const H = 3_600_000;
const D = 24 * H;

const arbRule: fc.Arbitrary<MirrorOptions> = fc.record({
  id: fc.constantFrom('r1', 'r2', 'rule-x'),
  showTitle: fc.boolean(),
  visibility: fc.constant('private' as const),
  allDay: fc.boolean(),
  bufferBeforeMinutes: fc.constantFrom(0, 15, 30),
  bufferAfterMinutes: fc.constantFrom(0, 10),
  horizonDays: fc.integer({ min: 1, max: 30 }),
});

const day = (offset: number) => new Date(NOW + offset * D).toISOString().slice(0, 10);

const arbSource = (key: string): fc.Arbitrary<SourceEvent> =>
  fc
    .record({
      title: fc.constantFrom('Dentist', '', 'Standup'),
      transparency: fc.constantFrom('opaque' as const, 'opaque' as const, 'transparent' as const),
      selfResponse: fc.constantFrom(null, 'accepted' as const, 'declined' as const, 'tentative' as const),
      eventType: fc.constantFrom('default', 'default', 'outOfOffice', 'birthday'),
      allDay: fc.boolean(),
      startH: fc.integer({ min: -72, max: 40 * 24 }),
      lenH: fc.integer({ min: 0, max: 5 }),
      dayOffset: fc.integer({ min: -3, max: 40 }),
      days: fc.integer({ min: 1, max: 3 }),
      endTimeUnspecified: fc.constantFrom(false, false, false, true),
      updated: fc.constantFrom('v1', 'v2'),
      mirrorRule: fc.constantFrom(null, null, null, 'r9'),
    })
    .map((s) => ({
      key,
      title: s.title,
      transparency: s.transparency,
      selfResponse: s.selfResponse,
      eventType: s.eventType,
      allDay: s.allDay,
      startMs: s.allDay ? null : NOW + s.startH * H,
      endMs: s.allDay ? null : NOW + (s.startH + s.lenH) * H,
      startDate: s.allDay ? day(s.dayOffset) : null,
      endDate: s.allDay ? day(s.dayOffset + s.days) : null,
      endTimeUnspecified: s.endTimeUnspecified,
      updated: s.updated,
      mirrorRule: s.mirrorRule,
    }));

const arbSources = fc
  .uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 25 })
  .chain((keys) => fc.tuple(...keys.map((k) => arbSource(`ev${k}`))));

/** The oracle: what the target must show for these sources, by source key (written from the issue, not the code). */
function oracle(rule: MirrorOptions, sources: SourceEvent[], now: number): Map<string, string> {
  const out = new Map<string, string>();
  const todayUtc = new Date(now).toISOString().slice(0, 10);
  const lastUtc = new Date(now + rule.horizonDays * D).toISOString().slice(0, 10);
  for (const s of sources) {
    const busy =
      s.mirrorRule === null &&
      s.transparency === 'opaque' &&
      s.selfResponse !== 'declined' &&
      !s.endTimeUnspecified &&
      s.eventType !== 'birthday';
    if (!busy) continue;
    const title = rule.showTitle && s.title !== '' ? s.title : 'Busy';
    if (s.allDay) {
      if (rule.allDay && s.endDate! > todayUtc && s.startDate! < lastUtc)
        out.set(s.key, `d:${s.startDate}/${s.endDate}|${title}`);
    } else if (s.endMs! > s.startMs! && s.endMs! > now && s.startMs! < now + rule.horizonDays * D) {
      const start = s.startMs! - rule.bufferBeforeMinutes * 60_000;
      const end = s.endMs! + rule.bufferAfterMinutes * 60_000;
      out.set(s.key, `t:${start}/${end}|${title}`);
    }
  }
  return out;
}

/** A model of the target + calsync's memory, as the executor leaves them after carrying a plan out. */
type Model = Map<string, ExistingMirror>;

function apply(plan: MirrorPlan, model: Model): Model {
  const next = new Map(model);
  for (const d of [...plan.insert, ...plan.update])
    next.set(d.sourceKey, {
      sourceKey: d.sourceKey,
      targetId: d.targetId,
      sourceVersion: d.sourceVersion,
      writtenFp: d.fp,
      writtenEndMs: d.endMs,
      confirmed: true,
      writtenEtag: `"${d.fp}"`,
      handEdited: false,
      handEditReported: false,
      target: { fp: d.fp },
    });
  for (const m of plan.delete) next.delete(m.sourceKey);
  for (const l of plan.leftAlone)
    if (l.report) next.set(l.sourceKey, { ...next.get(l.sourceKey)!, handEditReported: true });
  return next;
}

const targetOf = (model: Model) =>
  new Map([...model.values()].filter((m) => m.target !== 'absent').map((m) => [m.sourceKey, m.target]));

describe('planMirror', () => {
  it('mirror ids are base32hex, 5–1024 long, stable and distinct per rule and source', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (rule, a, b) => {
        const id = mirrorEventId(rule, a);
        expect(id).toMatch(/^[a-v0-9]{5,1024}$/);
        expect(mirrorEventId(rule, a)).toBe(id);
        if (a !== b) expect(mirrorEventId(rule, b)).not.toBe(id);
        expect(mirrorEventId(`${rule}x`, a)).not.toBe(id);
      }),
    );
  });

  it('a first mirror inserts exactly the busy events in the horizon; a second plan changes nothing', () => {
    fc.assert(
      fc.property(arbRule, arbSources, (rule, sources) => {
        const plan = planMirror(rule, sources, [], NOW);
        const want = oracle(rule, sources, NOW);
        expect(plan.update).toEqual([]);
        expect(plan.delete).toEqual([]);
        expect(new Map(plan.insert.map((d) => [d.sourceKey, d.fp]))).toEqual(want);
        for (const d of plan.insert) expect(d.targetId).toBe(mirrorEventId(rule.id, d.sourceKey));
        const model = apply(plan, new Map());
        const again = planMirror(rule, sources, [...model.values()], NOW);
        expect([again.insert, again.update, again.delete]).toEqual([[], [], []]);
      }),
    );
  });

  it('after any change of the sources, one plan brings the target to the oracle (ended mirrors stay as history)', () => {
    fc.assert(
      fc.property(arbRule, arbSources, arbSources, fc.integer({ min: 0, max: 48 }), (rule, before, after, hours) => {
        const model = apply(planMirror(rule, before, [], NOW), new Map());
        const later = NOW + hours * H;
        const next = apply(planMirror(rule, after, [...model.values()], later), model);
        const want = oracle(rule, after, later);
        const got = targetOf(next);
        for (const [key, fp] of want) expect(got.get(key)).toEqual({ fp });
        for (const [key, t] of got) {
          if (want.has(key)) continue;
          // Only a mirror that has ended may outlive its reason, and it is left as it was.
          expect(next.get(key)!.writtenEndMs).toBeLessThanOrEqual(later);
          expect(t).toEqual(model.get(key)!.target);
        }
      }),
    );
  });

  it('never writes a hand-edited or hand-deleted mirror, and reports each once', () => {
    // 'refused': Google turned a guarded write down (412) while the target's cache still shows calsync's version or nothing.
    const arbEdit = fc.constantFrom('moved', 'deleted', 'refused-unknown', 'refused-cached');
    fc.assert(
      fc.property(arbRule, arbSources, arbSources, arbEdit, (rule, before, after, edit) => {
        const model = apply(planMirror(rule, before, [], NOW), new Map());
        const touched = new Set<string>();
        for (const m of model.values()) {
          if (touched.size > 2) break;
          touched.add(m.sourceKey);
          model.set(
            m.sourceKey,
            edit === 'moved'
              ? { ...m, target: { fp: `${m.writtenFp} (moved)` } }
              : edit === 'deleted'
                ? { ...m, target: 'absent' }
                : { ...m, handEdited: true, target: edit === 'refused-unknown' ? 'unknown' : m.target },
          );
        }
        const plan = planMirror(rule, after, [...model.values()], NOW);
        for (const d of [...plan.insert, ...plan.update]) expect(touched.has(d.sourceKey)).toBe(false);
        if (edit !== 'deleted') for (const m of plan.delete) expect(touched.has(m.sourceKey)).toBe(false);
        const reported = plan.leftAlone.filter((l) => l.report).map((l) => l.sourceKey);
        for (const k of reported) expect(touched.has(k)).toBe(true);
        // Each touched mirror still wanted (or changed by hand) is reported in this plan.
        for (const k of touched)
          if (edit !== 'deleted' || oracle(rule, after, NOW).has(k)) expect(reported).toContain(k);
        const second = planMirror(rule, after, [...apply(plan, model).values()], NOW);
        expect(second.leftAlone.filter((l) => l.report)).toEqual([]);
      }),
    );
  });

  it('an unconfirmed write (crash, lost answer) is inserted again under the same id', () => {
    fc.assert(
      fc.property(arbRule, arbSources, (rule, sources) => {
        const first = planMirror(rule, sources, [], NOW);
        const pending: ExistingMirror[] = first.insert.map((d) => ({
          sourceKey: d.sourceKey,
          targetId: d.targetId,
          sourceVersion: d.sourceVersion,
          writtenFp: d.fp,
          writtenEndMs: d.endMs,
          confirmed: false,
          writtenEtag: null,
          handEdited: false,
          handEditReported: false,
          target: 'absent',
        }));
        const again = planMirror(rule, sources, pending, NOW);
        expect(again.insert.map((d) => d.targetId)).toEqual(first.insert.map((d) => d.targetId));
        expect(again.leftAlone).toEqual([]);
      }),
    );
  });

  it('fingerprints tell time and title apart', () => {
    const base = { allDay: false, startMs: 1, endMs: 2, startDate: null, endDate: null, title: 'Busy' };
    expect(fingerprint(base)).not.toBe(fingerprint({ ...base, endMs: 3 }));
    expect(fingerprint(base)).not.toBe(fingerprint({ ...base, title: 'Dentist' }));
  });
});
