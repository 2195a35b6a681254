// Throughput: a burst of edits lands at Google while the devices are idle,
// then every device syncs at once; the clock stops when the workspace holds
// Google's newest version of everything (the oracle says so). The same burst
// size for the fleet and for one device that sees every calendar gives "total
// throughput vs one device doing the same work".
import type { Device } from './fleet';
import { compareWorkspace, converged, googleLines } from './oracle';
import type { DevicesWorld } from './world';

export interface BurstResult {
  /** Event versions the workspace had to take in: new, changed and deleted events. */
  work: number;
  ms: number;
  perSecond: number;
}

const versions = (w: DevicesWorld) =>
  new Map(
    googleLines(w.google, w.calendars).map((l) => {
      const f = l.split(' | ');
      return [`${f[0]}\u0000${f[1]}`, f[f.length - 1]!];
    }),
  );

/** Syncs (and the pushes that end them) until the workspace equals the oracle; throws after `limitMs`. */
export async function settle(w: DevicesWorld, devices: Device[], wsId: string, limitMs: number): Promise<number> {
  const t0 = performance.now();
  let done = false;
  const watch = (async () => {
    while (!done) {
      if (await converged(w.google, w.shim, wsId, w.calendars)) return;
      await new Promise((r) => setTimeout(r, 150));
    }
  })();
  const work = (async () => {
    await Promise.all(devices.map((d) => d.ask({ type: 'sync' }, 'synced')));
    // Rows left queued behind another device's lease: push now, as a device's retry or next sync would.
    for (let round = 0; round < 5 && !done; round++)
      await Promise.all(devices.map((d) => d.ask({ type: 'push' }, 'pushDone')));
  })();
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`the workspace did not converge in ${limitMs} ms`)), limitMs).unref(),
  );
  try {
    await Promise.race([watch, timeout, work.then(() => watch)]);
  } catch (e) {
    const c = await compareWorkspace(w.google, w.shim, wsId, w.calendars);
    throw new Error(
      `${(e as Error).message}: ${c.lost} lost, ${c.stale} stale, ${c.duplicates} duplicates\n${c.examples.join('\n')}`,
    );
  } finally {
    done = true;
  }
  const ms = performance.now() - t0;
  await work.catch(() => undefined);
  return ms;
}

export async function burst(
  w: DevicesWorld,
  devices: Device[],
  wsId: string,
  edits: number,
  limitMs: number,
): Promise<BurstResult> {
  const before = versions(w);
  for (let i = 0; i < edits; i++) w.edits.edit();
  const after = versions(w);
  let work = 0;
  for (const [k, v] of after) if (before.get(k) !== v) work++;
  for (const k of before.keys()) if (!after.has(k)) work++;
  const ms = await settle(w, devices, wsId, limitMs);
  return { work, ms, perSecond: (work / ms) * 1000 };
}
