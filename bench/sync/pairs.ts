// Full syncs of the engine against the floor in alternating pairs (the order
// switching each pair), each run in a new process (the engine from an empty
// cache), both fed the same pages from memory. A new floor process each pair
// too: a floor kept warm from the pair before ran its second and third
// syncs with its code already compiled and optimised, which no user's
// `calsync sync` (a new process) gets, while every engine run started cold. Shared by the sync and scale benches.
// BENCH_ENGINE_ARGS adds node flags to the engine processes (e.g.
// "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile them; a profile is written
// when a process exits on `stop`), BENCH_FLOOR_ARGS to the floor's.
import type { ChildProcess } from 'node:child_process';
import { request, startBundledChild } from './child';

export type Timing = { ms: number; cpuMs: number; changes: number; peakRssMb: number; events: number };
export type PairRow = {
  first: 'floor' | 'engine';
  floorMs: number;
  engineMs: number;
  ratio: number;
  rss: number;
  floorRss: number;
};

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const engineArgs = () => (process.env.BENCH_ENGINE_ARGS ?? '').split(' ').filter(Boolean);

export const startEngine = (): Promise<ChildProcess> => startBundledChild('engine.ts', engineArgs());

/**
 * Runs `pairs` engine/floor pairs. Returns the rows and the engine process of
 * the last pair, still holding its cache (for the incremental and end-to-end runs).
 */
export async function fullSyncPairs(
  env: Record<string, string>,
  calendars: string[],
  pairs: number,
): Promise<{ rows: PairRow[]; engine: ChildProcess }> {
  let floor: ChildProcess | null = null;
  // Asked to stop, so that a profile of the floor (BENCH_FLOOR_ARGS) is written.
  const stopFloor = async () => {
    const f = floor;
    floor = null;
    if (f) await request(f, { type: 'stop' }, 'stopped').catch(() => f.kill());
  };
  let engine: ChildProcess | null = null;
  const rows: PairRow[] = [];
  try {
    for (let i = 0; i < pairs; i++) {
      const runFloor = async () => {
        await stopFloor();
        const f = await startBundledChild('floor.ts', (process.env.BENCH_FLOOR_ARGS ?? '').split(' ').filter(Boolean));
        floor = f;
        return request<{ type: string; ms: number; events: number; peakRssMb: number }>(
          f,
          { type: 'run', env, calendars },
          'done',
        );
      };
      const runEngine = async () => {
        if (engine) await request(engine, { type: 'stop' }, 'stopped');
        engine = await startEngine();
        await request(engine, { type: 'login', env }, 'loggedIn');
        return request<Timing & { type: string }>(engine, { type: 'full' }, 'fullDone');
      };
      let f: { ms: number; events: number; peakRssMb: number };
      let e: Timing;
      if (i % 2 === 0) {
        f = await runFloor();
        e = await runEngine();
      } else {
        e = await runEngine();
        f = await runFloor();
      }
      if (f.events !== e.events) throw new Error(`floor stored ${f.events} events, the engine ${e.events}`);
      console.error(
        `  pair ${i + 1} (${i % 2 === 0 ? 'floor first' : 'engine first'}): engine ${e.ms.toFixed(0)} ms, floor ${f.ms.toFixed(0)} ms, ratio ${(e.ms / f.ms).toFixed(2)}; peak RSS ${e.peakRssMb.toFixed(0)} / ${f.peakRssMb.toFixed(0)} MB`,
      );
      rows.push({
        first: i % 2 === 0 ? 'floor' : 'engine',
        floorMs: f.ms,
        engineMs: e.ms,
        ratio: e.ms / f.ms,
        rss: e.peakRssMb,
        floorRss: f.peakRssMb,
      });
    }
  } catch (e) {
    (engine as ChildProcess | null)?.kill();
    throw e;
  } finally {
    await stopFloor();
  }
  return { rows, engine: engine! };
}
