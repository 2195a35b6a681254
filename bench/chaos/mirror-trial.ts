// The busy-mirroring scenario (issue 17): a rule copies the Team calendar's
// busy time into the Private one; the trial adds and changes Team events in
// the rule's horizon and SIGKILLs `calsync sync` at a random request — inside
// the listing or among the mirror writes. After the quiet sync every trial
// (of any scenario, once the rule exists) checks the target against an oracle
// written from the rules on Google's own listing: no duplicate, no
// orphan, no missing mirror.
import { expectedMirrors, markerOf } from '../../tests/helpers/mirror-world';
import { runCli } from './processes';
import { judge, type Trial } from './scenarios';
import type { ChaosWorld } from './world';

const HOUR = 3_600_000;
const HORIZON_DAYS = 30;
/** A mirror within this of its end (or start of its horizon) may be history or not yet, by a clock tick: not judged. */
const EDGE_MS = 10 * 60_000;

const source = (w: ChaosWorld) => w.calendars[1]!;
const target = (w: ChaosWorld) => w.calendars[2]!;

function ensureRule(w: ChaosWorld): string {
  const existing = w.observer.store.mirrors.listRules()[0];
  if (existing) return existing.id;
  return w.observer.mirrors.add({
    from: source(w),
    to: target(w),
    showTitle: false,
    visibility: 'private',
    allDay: false,
    bufferBeforeMinutes: 5,
    bufferAfterMinutes: 10,
    horizonDays: HORIZON_DAYS,
  }).id;
}

export async function mirrorKillTrial(t: Trial): Promise<void> {
  const { w, r } = t;
  ensureRule(w);
  const g = w.google;
  const cal = source(w);
  const added = r.int(3, 20);
  for (let i = added; i > 0; i--) {
    const start = Date.now() + r.int(1, 20 * 24) * HOUR;
    g.insertEvent(cal, {
      summary: `mirror chaos ${r.int(0, 1e6)}`,
      start: { dateTime: new Date(start).toISOString() },
      end: { dateTime: new Date(start + r.pick([30, 60]) * 60_000).toISOString() },
    });
  }
  // Changes the mirrors must follow: moved, freed, deleted.
  const future = g.liveEvents(cal).filter((e) => e.start?.dateTime && Date.parse(e.start.dateTime) > Date.now() + HOUR);
  const changed = Math.min(future.length, r.int(0, 6));
  for (let i = changed; i > 0; i--) {
    const e = r.pick(future);
    if (g.getEvent(cal, e.id!)?.status === 'cancelled') continue;
    const op = r.int(0, 2);
    if (op === 0) {
      const s = Date.parse(e.start!.dateTime!) + HOUR;
      g.patchEvent(cal, e.id!, {
        start: { dateTime: new Date(s).toISOString() },
        end: { dateTime: new Date(s + HOUR).toISOString() },
      });
    } else if (op === 1) g.patchEvent(cal, e.id!, { transparency: r.chance(0.5) ? 'transparent' : 'opaque' });
    else g.deleteEvent(cal, e.id!);
  }
  // The listing is ~5 requests here (page size 5); one write per added or changed event follows it.
  const kill = r.chance(0.9) ? { atRequest: r.int(2, 6 + added + changed), extraMs: r.int(0, 30) } : undefined;
  judge(t, await runCli(w, ['sync', '--json'], kill), [0, 1, 3], 'sync (mirroring)');
}

/** After the quiet sync: the target holds exactly one mirror per busy source event in the horizon, each as the rule says. */
export function checkMirrors(t: Trial): void {
  const { w } = t;
  const rule = w.observer.store.mirrors.listRules()[0];
  if (!rule) return;
  if (rule.lastError) t.violation(`mirror rule's quiet run failed: ${rule.lastError}`);
  const now = Date.now();
  const want = expectedMirrors(w, source(w), {
    now,
    horizonDays: HORIZON_DAYS,
    allDay: false,
    beforeMin: rule.bufferBeforeMinutes,
    afterMin: rule.bufferAfterMinutes,
  });
  const bySource = new Map<string, string[]>();
  for (const e of w.google.liveEvents(target(w))) {
    const m = markerOf(e);
    if (m.calsyncMirrorRule !== rule.id) continue;
    const shape = `${Date.parse(e.start!.dateTime!)}/${Date.parse(e.end!.dateTime!)}|${e.summary}`;
    bySource.set(m.calsyncMirrorSource!, [...(bySource.get(m.calsyncMirrorSource!) ?? []), shape]);
  }
  const nearEdge = (shape: string) => {
    const [s, e] = shape.split('|')[0]!.split('/').map(Number) as [number, number];
    return Math.abs(e - now) < EDGE_MS || Math.abs(s - (now + HORIZON_DAYS * 86_400_000)) < EDGE_MS;
  };
  const ended = (shape: string) => Number(shape.split('|')[0]!.split('/')[1]) <= now;
  for (const [src, shapes] of bySource) {
    if (shapes.length > 1) t.violation(`mirror: ${shapes.length} copies of source ${src} in the target`);
    const expected = want.get(src);
    if (expected === undefined) {
      if (!ended(shapes[0]!) && !nearEdge(shapes[0]!)) t.violation(`mirror: orphan of ${src} (${shapes[0]})`);
    } else if (expected !== shapes[0] && !nearEdge(expected))
      t.violation(`mirror of ${src} is ${shapes[0]}, the source says ${expected}`);
  }
  for (const [src, shape] of want)
    if (!bySource.has(src) && !nearEdge(shape)) t.violation(`mirror: missing for ${src} (${shape})`);
  t.note('mirror: source events checked', want.size);
}
