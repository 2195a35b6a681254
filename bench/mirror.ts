// Busy-mirroring bench (issue 17): a 10,000-event source calendar already
// mirrored, then 100 source changes (moves, renames, deletions, new events)
// and one sync. Reports the requests the sync made (listing + mirror writes),
// requests per change, and the API time they take at Google's documented
// per-user rate (600 requests a minute per user, guides/quota) and at
// calsync's own write pacing (tuning mirrorWritesPerSecond, 5/s). Target: ≤ one
// sync interval (15 min, the default). Short: in-process, the fake Google on loopback.
import { ADA, BOB, expectedMirrors, mirrorWorld, mirrorsAt } from '../tests/helpers/mirror-world';
import type { BenchReport } from './idle';

const H = 3_600_000;
const DAY = 24 * H;
const iso = (ms: number) => new Date(ms).toISOString();
const GOOGLE_PER_USER_PER_SECOND = 600 / 60;
const CALSYNC_WRITES_PER_SECOND = 5;
const SYNC_INTERVAL_S = 15 * 60;

export async function runMirrorBench(o: { events?: number; changes?: number } = {}): Promise<BenchReport> {
  const n = o.events ?? Number(process.env.MIRROR_EVENTS ?? 10_000);
  const changes = o.changes ?? Number(process.env.MIRROR_CHANGES ?? 100);
  const { world, app } = await mirrorWorld({ mirrorWritesPerSecond: 1000, fullBudgetMs: 600_000 });
  try {
    const now = Date.now();
    // A year around today, every few hours: about a sixth falls in the 60-day horizon.
    for (let i = 0; i < n; i++) {
      const start = now - 180 * DAY + Math.floor((i * 365 * DAY) / n) + (i % 7) * 60_000;
      world.google.insertEvent(ADA, {
        summary: `e ${i}`,
        start: { dateTime: iso(start) },
        end: { dateTime: iso(start + H) },
      });
    }
    const sync = async () => {
      const run = await app.sync.request({ trigger: 'cli' });
      if (run.status !== 'succeeded') throw new Error(`sync ${run.status}: ${run.error}`);
    };
    await sync();
    const rule = await app.api.addMirrorRule({ from: ADA, to: BOB, horizonDays: 60 });
    const t0 = Date.now();
    await sync();
    const firstMs = Date.now() - t0;
    const mirrored = mirrorsAt(world, BOB, rule.id).size;

    // 100 changes to events inside the horizon: a quarter each moved, renamed, deleted, new.
    const inHorizon = world.google
      .liveEvents(ADA)
      .filter((e) => Date.parse(e.start!.dateTime!) > now + DAY && Date.parse(e.start!.dateTime!) < now + 50 * DAY);
    for (let i = 0; i < changes; i++) {
      const e = inHorizon[(i * 7) % inHorizon.length]!;
      const kind = i % 4;
      if (kind === 0) {
        const s = Date.parse(e.start!.dateTime!) + 30 * 60_000;
        world.google.patchEvent(ADA, e.id!, { start: { dateTime: iso(s) }, end: { dateTime: iso(s + H) } });
      } else if (kind === 1) world.google.patchEvent(ADA, e.id!, { summary: `renamed ${i}` });
      else if (kind === 2) world.google.deleteEvent(ADA, e.id!);
      else
        world.google.insertEvent(ADA, {
          summary: `new ${i}`,
          start: { dateTime: iso(now + (2 + (i % 40)) * DAY + 5 * H) },
          end: { dateTime: iso(now + (2 + (i % 40)) * DAY + 6 * H) },
        });
    }
    const before = world.google.requests.length;
    const t1 = Date.now();
    await sync();
    const wallMs = Date.now() - t1;
    const reqs = world.google.requests.slice(before);
    const writes = reqs.filter((q) => q.method !== 'GET').length;
    const ok =
      mirrorsAt(world, BOB, rule.id).size === expectedMirrors(world, ADA, { now, horizonDays: 60, allDay: false }).size;
    const atGoogleS = reqs.length / GOOGLE_PER_USER_PER_SECOND;
    const pacedS = writes / CALSYNC_WRITES_PER_SECOND + (reqs.length - writes) / GOOGLE_PER_USER_PER_SECOND;
    const worst = Math.max(atGoogleS, pacedS);
    const pass = ok && worst <= SYNC_INTERVAL_S;
    return {
      title: `Busy mirroring — ${changes} changes on a ${n.toLocaleString('en')}-event source (${mirrored} mirrored in the horizon)`,
      lines: [
        `first mirror of ${mirrored} events: ${firstMs} ms wall (unpaced, setup)`,
        `sync after ${changes} changes: ${reqs.length} requests (${reqs.length - writes} reads, ${writes} writes), ${(reqs.length / changes).toFixed(2)} requests per change, ${wallMs} ms wall (unpaced)`,
        `API time at Google's per-user rate (10/s): ${atGoogleS.toFixed(1)} s; at calsync's write pacing (5 writes/s): ${pacedS.toFixed(1)} s`,
        `target mirrors == oracle: ${ok ? 'yes' : 'NO'}`,
        `${pass ? 'PASS' : 'FAIL'}: ${worst.toFixed(1)} s ≤ one sync interval (${SYNC_INTERVAL_S} s)`,
      ],
      figures: { requests: reqs.length, writes, requestsPerChange: reqs.length / changes, atGoogleS, pacedS, wallMs },
    };
  } finally {
    await world.close();
  }
}
