// The timed run: every device runs its sync loop; a driver edits Google at a
// steady rate and SIGKILLs a device now and then — a lease holder when one is
// pushing, so hand-overs get measured — and starts it again a little later on
// the same data dir.
import os from 'node:os';
import type { Device } from './fleet';
import { HandOverWatch, leaseHolders } from './leases';
import type { DevicesWorld } from './world';

export interface StormOptions {
  durationMs: number;
  syncIntervalMs: number;
  editsPerSecond: number;
  /** Mean time between kills. */
  killEveryMs: number;
  random: () => number;
}

export interface StormResult {
  kills: number;
  killsOfHolders: number;
  edits: number;
  watch: HandOverWatch;
  /** 1-minute load average, sampled every few seconds. */
  load: number[];
  /** Per kill: from the kill until the device loops again (process start under the machine's load included). */
  downMs: number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function storm(w: DevicesWorld, devices: Device[], o: StormOptions): Promise<StormResult> {
  const watch = new HandOverWatch(w.shim, w.fleetWs);
  const load: number[] = [];
  const restarts: Promise<void>[] = [];
  const downTimes: number[] = [];
  let kills = 0;
  let killsOfHolders = 0;
  const edits0 = w.edits.total();
  const exp = (mean: number) => -Math.log(1 - o.random()) * mean;

  for (const d of devices) await d.ask({ type: 'loop', intervalMs: o.syncIntervalMs }, 'looping');
  const start = Date.now();
  let nextKill = start + exp(o.killEveryMs);
  let nextLoad = start;
  let owed = 0;
  let last = start;
  while (Date.now() - start < o.durationMs) {
    await sleep(100);
    const now = Date.now();
    owed += ((now - last) / 1000) * o.editsPerSecond;
    last = now;
    for (; owed >= 1; owed--) w.edits.edit();
    if (now >= nextLoad) {
      load.push(os.loadavg()[0]!);
      nextLoad = now + 5_000;
    }
    await watch.poll();
    if (now < nextKill) continue;
    nextKill = now + exp(o.killEveryMs);
    const alive = devices.filter((d) => d.alive);
    if (alive.length < 2) continue; // keep someone to take over
    // A push holds a lease for a fraction of a second: watch for one for a while, so most kills hit a holder.
    let held = new Map<string, string[]>();
    let holders: Device[] = [];
    for (const until = Date.now() + o.syncIntervalMs / 2; holders.length === 0 && Date.now() < until;) {
      held = (await leaseHolders(w.shim, w.fleetWs)).held;
      holders = alive.filter((d) => held.has(d.deviceId));
      if (holders.length === 0) await sleep(50);
    }
    const victim = holders.length > 0 ? pick(holders, o.random) : pick(alive, o.random);
    await victim.kill();
    const killedAt = Date.now();
    kills++;
    const keys = held.get(victim.deviceId) ?? [];
    if (keys.length > 0) killsOfHolders++;
    await watch.killed(victim.deviceId, keys);
    // Back after a few seconds up to about one sync interval, as a laptop that crashed and restarts.
    const downMs = 2_000 + o.random() * o.syncIntervalMs;
    restarts.push(
      sleep(downMs).then(async () => {
        await victim.start();
        await victim.ask({ type: 'loop', intervalMs: o.syncIntervalMs }, 'looping');
        watch.restarted(victim.deviceId);
        downTimes.push(Date.now() - killedAt);
      }),
    );
  }
  await Promise.all(restarts);
  for (const d of devices) await d.ask({ type: 'pause' }, 'paused');
  await watch.poll();
  return { kills, killsOfHolders, edits: w.edits.total() - edits0, watch, load, downMs: downTimes };
}

function pick<T>(xs: T[], random: () => number): T {
  return xs[Math.floor(random() * xs.length)]!;
}
