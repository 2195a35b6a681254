// Two Google accounts in the fake Google, both signed in (with write scope) to
// one engine, and an oracle for what a busy mirror must hold: written from the
// issue's rules against the fake's own listing, sharing no code with core/mirror.
import type { CalsyncApp } from '../../src/main/core/app';
import type { Tuning } from '../../src/main/core/config/tuning';
import type { GoogleEvent } from '../fakes/google';
import { startWorld, type World } from './world';

export const ADA = 'ada@example.test';
export const BOB = 'bob@example.test';
const DAY = 86_400_000;

export async function mirrorWorld(
  tuning: Partial<Tuning> = { mirrorWritesPerSecond: 1000 },
  o: { bobWrite?: boolean } = {},
): Promise<{ world: World; app: CalsyncApp }> {
  const world = await startWorld({ tuning });
  world.google.addUser({ email: BOB });
  const app = world.app();
  await world.login(app, { email: ADA, write: true });
  await world.login(app, { email: BOB, write: o.bobWrite ?? true });
  return { world, app };
}

export const markerOf = (e: GoogleEvent) => e.extendedProperties?.private ?? {};

/** The mirrors of `ruleId` in the target calendar at Google, as "start/end|title" by source id. */
export function mirrorsAt(world: Pick<World, 'google'>, calendarId: string, ruleId: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of world.google.liveEvents(calendarId)) {
    const m = markerOf(e);
    if (m.calsyncMirrorRule !== ruleId) continue;
    if (out.has(m.calsyncMirrorSource!)) throw new Error(`two mirrors of ${m.calsyncMirrorSource}`);
    out.set(m.calsyncMirrorSource!, shape(e));
  }
  return out;
}

function shape(e: GoogleEvent): string {
  if (e.start?.date) return `${e.start.date}/${e.end?.date}|${e.summary}`;
  return `${Date.parse(e.start!.dateTime!)}/${Date.parse(e.end!.dateTime!)}|${e.summary}`;
}

/** What the target must hold: busy instances of the source (opaque, not declined, not mirrors) inside the horizon. */
export function expectedMirrors(
  world: Pick<World, 'google'>,
  calendarId: string,
  o: { now: number; horizonDays: number; allDay: boolean; beforeMin?: number; afterMin?: number },
): Map<string, string> {
  const out = new Map<string, string>();
  const today = new Date(o.now).toISOString().slice(0, 10);
  const last = new Date(o.now + o.horizonDays * DAY).toISOString().slice(0, 10);
  for (const e of world.google.liveEvents(calendarId)) {
    if (e.transparency === 'transparent') continue;
    if (e.attendees?.some((a) => a.self && a.responseStatus === 'declined')) continue;
    if (markerOf(e).calsyncMirrorRule) continue;
    if (e.start?.date) {
      if (o.allDay && e.end!.date! > today && e.start.date < last)
        out.set(e.id!, `${e.start.date}/${e.end!.date}|Busy`);
      continue;
    }
    const s = Date.parse(e.start!.dateTime!);
    const end = Date.parse(e.end!.dateTime!);
    if (end <= s || end <= o.now || s >= o.now + o.horizonDays * DAY) continue;
    out.set(e.id!, `${s - (o.beforeMin ?? 0) * 60_000}/${end + (o.afterMin ?? 0) * 60_000}|Busy`);
  }
  return out;
}
