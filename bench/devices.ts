// Benchmark "many devices, one workspace" (issue 16 item 6): BENCH_DEVICES
// device processes (default 10), each the real engine on its own data dir with
// its own Google account seeing overlapping calendars, push into one workspace
// on the system PostgreSQL through the Supabase shim for BENCH_DEVICES_SECONDS
// (default 300) while Google changes and devices are SIGKILLed and restarted.
// Then everything settles and the workspace is compared with Google (the
// oracle): lost updates, stale rows, duplicates; plus the lease hand-over
// time after a kill and the fleet's throughput against one device alone.
//
//   BENCH_ONLY=devices npm run bench      (BENCH_DEVICES=4 BENCH_DEVICES_SECONDS=60 for a short run)
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { seededRandom } from '../src/main/core/demo/sample-google/ids';
import { burst, settle, type BurstResult } from './devices/burst';
import { buildDeviceBundle, Device, type PushReport } from './devices/fleet';
import { installLeaseAudit, leaseAuditCount, type HandOver } from './devices/leases';
import { compareWorkspace } from './devices/oracle';
import { storm } from './devices/storm';
import { startDevicesWorld, type DevicesWorld } from './devices/world';
import { percentile } from './load/proc';

/** The devices' timings: a sync every SYNC_MS, leases a quarter of that (production: 15 min and 60 s). */
const SYNC_MS = 12_000;
const TUNING = {
  lockTtlMs: 3_000,
  heartbeatMs: 500,
  retryBaseMs: 20,
  retryMaxMs: 500,
  retryMaxAttempts: 6,
  requestTimeoutMs: 10_000,
  pushLeaseTtlMs: 3_000,
  pushRetryBaseMs: 1_000,
};

type Report = { title: string; lines: string[]; figures: Record<string, number> };

const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

async function openDevice(
  w: DevicesWorld,
  bundle: string,
  i: number | 'solo',
  onPush: (r: PushReport) => void = () => {},
): Promise<Device> {
  const view = i === 'solo' ? w.calendars : w.views[i]!;
  const d = new Device(i === 'solo' ? -1 : i, w.emailOf(i), view, bundle, w.env, onPush);
  await d.start();
  w.google.setConsentUser(d.email);
  await d.ask({ type: 'login' }, 'loggedIn');
  const member = w.members[i === 'solo' ? w.views.length : i]!;
  const wsId = i === 'solo' ? w.soloWs : w.fleetWs;
  const r = await d.ask<{ type: string; deviceId: string }>(
    { type: 'connect', url: w.shim.url, anonKey: w.shim.anonKey, wsId, ...member },
    'connected',
  );
  d.deviceId = r.deviceId;
  return d;
}

/** The three slowest hand-overs: which calendar, who took it, how long its last holder was down. */
function slowest(done: HandOver[]): string {
  return [...done]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3)
    .map(
      (h) =>
        `${h.key.split(':').pop()} ${Math.round(h.ms)} ms (${h.bySelf ? 'the restarted device' : 'another device'}, its holder down ${h.downMs === null ? 'until after' : `${Math.round(h.downMs)} ms`})`,
    )
    .join('; ');
}

export async function runDevicesBench(): Promise<Report> {
  const n = Number(process.env.BENCH_DEVICES ?? 10);
  const seconds = Number(process.env.BENCH_DEVICES_SECONDS ?? 300);
  const burstEdits = Number(process.env.BENCH_DEVICES_BURST ?? 1500);
  const databaseUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;
  if (!databaseUrl) throw new Error('the devices bench runs on the system PostgreSQL: set TEST_DATABASE_URL');
  const seed = 16;
  const random = seededRandom(seed * 7919);
  const bundle = await buildDeviceBundle();
  const w = await startDevicesWorld(
    {
      devices: n,
      shared: Math.min(6, Math.max(2, n)),
      sharedPerDevice: 3,
      eventsPerCalendar: 150,
      tuning: TUNING,
      seed,
    },
    databaseUrl,
  );
  await installLeaseAudit(w.shim);
  const fleet: Device[] = [];
  let solo: Device | null = null;
  let pushedRows = 0;
  try {
    // One device alone, seeing every calendar: the reference for throughput.
    solo = await openDevice(w, bundle.file, 'solo');
    await settle(w, [solo], w.soloWs, Number(process.env.BENCH_DEVICES_SETTLE ?? 120_000));
    const soloBurst = await burst(w, [solo], w.soloWs, burstEdits, 120_000);
    await solo.close();
    solo.cleanup();
    solo = null;

    for (let i = 0; i < n; i++) fleet.push(await openDevice(w, bundle.file, i, (r) => void (pushedRows += r.pushed)));
    await settle(w, fleet, w.fleetWs, 180_000);
    const fleetBurst = await burst(w, fleet, w.fleetWs, burstEdits, 180_000);

    const pushed0 = pushedRows;
    const t0 = performance.now();
    const s = await storm(w, fleet, {
      durationMs: seconds * 1000,
      syncIntervalMs: SYNC_MS,
      editsPerSecond: 4,
      killEveryMs: Math.max(4_000, SYNC_MS * 0.75),
      random,
    });
    const stormMs = performance.now() - t0;
    const stormPushed = pushedRows - pushed0;
    const settleMs = await settle(w, fleet, w.fleetWs, 120_000).catch(() => Number.NaN);
    await s.watch.poll();
    const cmp = await compareWorkspace(w.google, w.shim, w.fleetWs, w.calendars);
    const audit = await leaseAuditCount(w.shim);
    const crashes = fleet.map((d) => d.crashed).filter((c): c is string => c !== null);
    const loopErrors = fleet.flatMap((d) => d.loopErrors);

    // A calendar another device also sees can be handed over; one only the killed device sees waits for its restart.
    const seenBy = (key: string) => w.views.filter((v) => v.includes(key.slice(key.indexOf(':') + 1))).length;
    const shared = s.watch.done.filter((h) => seenBy(h.key) > 1);
    const own = s.watch.done.filter((h) => seenBy(h.key) <= 1);
    const handMs = shared.map((h) => h.ms);
    const handMax = handMs.length ? Math.max(...handMs) : Number.NaN;
    const ownMs = own.map((h) => h.ms);
    const meanDown = s.downMs.reduce((a, b) => a + b, 0) / (seconds * 1000);
    const ratio = fleetBurst.perSecond / soloBurst.perSecond;
    const loadAvg = s.load.reduce((a, b) => a + b, 0) / Math.max(1, s.load.length);
    const figures = {
      devices: n,
      seconds,
      edits: s.edits,
      kills: s.kills,
      kills_of_lease_holders: s.killsOfHolders,
      lost_updates: cmp.lost,
      stale_rows: cmp.stale,
      duplicates: cmp.duplicates,
      events_compared: cmp.googleEvents,
      writes_without_lease: audit,
      handovers: handMs.length,
      own_calendar_recoveries: ownMs.length,
      own_recovery_p50_ms: Math.round(percentile(ownMs, 50)),
      restart_p50_ms: Math.round(percentile(s.downMs, 50)),
      restart_max_ms: Math.round(s.downMs.length ? Math.max(...s.downMs) : Number.NaN),
      devices_down_mean: Number(meanDown.toFixed(1)),
      handover_p50_ms: Math.round(percentile(handMs, 50)),
      handover_max_ms: Math.round(handMax),
      handovers_open: s.watch.open(),
      solo_events_per_s: Math.round(soloBurst.perSecond),
      fleet_events_per_s: Math.round(fleetBurst.perSecond),
      throughput_ratio: Number(ratio.toFixed(2)),
      storm_rows_pushed_per_s: Math.round((stormPushed / stormMs) * 1000),
      settle_ms: Math.round(settleMs),
      load_avg: Number(loadAvg.toFixed(2)),
    };
    const b = (r: BurstResult) => `${r.work} event versions in ${Math.round(r.ms)} ms = ${Math.round(r.perSecond)}/s`;
    return {
      title: `Many devices, one workspace (system PostgreSQL, ${n} devices, ${seconds} s)`,
      lines: [
        `${w.calendars.length} calendars (${w.calendars.length - n} shared, each seen by ${Math.min(3, w.calendars.length - n)}–${Math.ceil((n * 3) / (w.calendars.length - n))} devices; one own per device), sync every ${SYNC_MS / 1000} s, push lease ${TUNING.pushLeaseTtlMs / 1000} s`,
        `storm: ${s.edits} Google edits (${JSON.stringify(w.edits.counts)} in all), ${s.kills} SIGKILLs (${s.killsOfHolders} of a lease holder), load avg ${figures.load_avg} on ${os.cpus().length} cores`,
        `lost updates: ${cmp.lost} of ${cmp.googleEvents} events (target 0) ${verdict(cmp.lost === 0)}`,
        `stale rows: ${cmp.stale} (target 0) ${verdict(cmp.stale === 0)}`,
        `duplicates: ${cmp.duplicates} (target 0) ${verdict(cmp.duplicates === 0)}`,
        ...cmp.examples.map((e) => `  ${e}`),
        `rows written without the lease: ${audit} (target 0) ${verdict(audit === 0)}`,
        `lease hand-over after a kill, calendars other devices also see: ${handMs.length} measured, p50 ${figures.handover_p50_ms} ms, p90 ${Math.round(percentile(handMs, 90))} ms, max ${figures.handover_max_ms} ms (target < ${SYNC_MS} ms, one sync interval) ${verdict(handMs.length > 0 && handMax < SYNC_MS)}; ${shared.filter((h) => h.bySelf).length} taken back by the restarted device itself; ${s.watch.open()} never needed (nothing queued for that calendar)`,
        `  slowest: ${slowest(shared)}`,
        `  calendars only the killed device sees, pushed again after its restart: ${ownMs.length}, p50 ${figures.own_recovery_p50_ms} ms, max ${Math.round(ownMs.length ? Math.max(...ownMs) : Number.NaN)} ms`,
        `  a killed device loops again after p50 ${figures.restart_p50_ms} ms, max ${figures.restart_max_ms} ms (2 s–one interval down, then process start at this load); ${figures.devices_down_mean} of ${n} devices down on average`,
        `throughput, burst of ${burstEdits} edits: one device ${b(soloBurst)}; ${n} devices ${b(fleetBurst)}; ratio ${figures.throughput_ratio} (target ≥ 0.70) ${verdict(ratio >= 0.7)}`,
        `during the storm: ${figures.storm_rows_pushed_per_s} rows pushed/s (all devices, re-sends included); settled in ${figures.settle_ms} ms after it`,
        `process failures: ${crashes.length} crashes, ${loopErrors.length} failed syncs (target 0) ${verdict(crashes.length === 0 && loopErrors.length === 0)}`,
        ...[...crashes, ...loopErrors.slice(0, 3)].map((e) => `  ${e.split('\n')[0]}`),
      ],
      figures,
    };
  } finally {
    await solo?.close().catch(() => undefined);
    solo?.cleanup();
    for (const d of fleet) await d.close().catch(() => undefined);
    for (const d of fleet) d.cleanup();
    await w.close();
    bundle.remove();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runDevicesBench();
  console.log(`## ${result.title}`);
  for (const line of result.lines) console.log(line);
  console.log(JSON.stringify(result.figures));
}
