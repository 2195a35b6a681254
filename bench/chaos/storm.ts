// A "Sync now" storm: 100 POST /api/syncNow in one second against one
// `calsync serve`, with a few CLI syncs started in the same second. Every
// request must get a run (joined or its own) or an error as data; the serve
// process may be SIGKILLed part-way, and Supabase may go down meanwhile.
// serve caps its connections (64): past the cap it answers 503 with
// Retry-After, and the storm's clients do what a well-behaved client does —
// wait that long and ask again (a few times) — so every request still ends in
// a run, and a 503 without Retry-After is a violation.
import type { SyncRun } from '../../src/shared/domain';
import { runCli, startServe, stopServe } from './processes';
import { judge, type Trial } from './scenarios';

const REQUESTS = 100;
const SPREAD_MS = 1_000;
const MAX_RETRIES = 3;
const ENDED = new Set(['succeeded', 'failed', 'skipped']);

type Answer =
  | { ok: true; status: number; body: { ok: boolean; value?: SyncRun; error?: { code: string; message: string } } }
  | { ok: false; at: number; error: string };

export async function storm(t: Trial, o: { killServe: boolean; outage: boolean }): Promise<void> {
  const { w, r } = t;
  const serve = await startServe(w);
  t.note('storm (100 × syncNow in 1 s)');
  const post = async (attempt = 0): Promise<Answer> => {
    try {
      const res = await fetch(`${serve.origin}/api/syncNow`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${serve.token}`, 'Content-Type': 'application/json' },
        body: '{}',
        signal: AbortSignal.timeout(60_000),
      });
      const retryAfter = Number(res.headers.get('retry-after'));
      if (res.status === 503 && retryAfter > 0 && attempt < MAX_RETRIES) {
        await res.body?.cancel();
        await new Promise((resolve) => setTimeout(resolve, Math.min(retryAfter, 5) * 1_000));
        return post(attempt + 1);
      }
      return { ok: true, status: res.status, body: (await res.json()) as never };
    } catch (e) {
      return { ok: false, at: Date.now(), error: (e as Error).message };
    }
  };
  const answers: Array<Promise<Answer>> = [];
  const fired = new Promise<void>((resolve) => {
    for (let i = 0; i < REQUESTS; i++)
      setTimeout(() => (answers.push(post()), i === REQUESTS - 1 && resolve()), (i * SPREAD_MS) / REQUESTS);
  });
  const clis = Array.from({ length: r.int(2, 3) }, () =>
    new Promise<void>((resolve) => setTimeout(resolve, r.int(0, 900))).then(() => runCli(w, ['sync', '--json'])),
  );
  let killedAt: number | null = null;
  if (o.killServe) {
    setTimeout(
      () => {
        killedAt = Date.now();
        serve.child.kill('SIGKILL');
      },
      r.int(100, 1_500),
    );
  }
  if (o.outage) {
    setTimeout(() => void w.shim.stop(), r.int(0, 800));
    setTimeout(() => void w.shim.start(), r.int(900, 2_000));
    t.note('supabase outage');
  }
  await fired;
  const results = await Promise.all(answers);
  for (const c of await Promise.all(clis)) judge(t, c, [0, 1, 3], 'sync (during a storm)');

  const runs = new Set<number>();
  for (const a of results) {
    if (a.ok && a.status === 200 && a.body.ok && a.body.value && ENDED.has(a.body.value.status)) {
      runs.add(a.body.value.id);
      continue;
    }
    // Once the server is killed, refused and cut connections are what a client should see.
    if (!a.ok && killedAt !== null && a.at >= killedAt) continue;
    t.violation(
      `syncNow during a storm: ${a.ok ? `HTTP ${a.status} ${JSON.stringify(a.body).slice(0, 300)}` : a.error}`,
    );
  }
  t.note('storm: runs the 100 requests joined', runs.size);
  if (killedAt !== null) {
    await serve.exited;
    t.note('SIGKILL: serve (mid-storm)');
    t.steps.push('serve:KILL');
    t.killedAt = Math.max(t.killedAt ?? 0, killedAt);
    return;
  }
  const stopped = await stopServe(serve);
  if (stopped.overran) t.violation('calsync serve did not stop within 45 s of SIGTERM');
  else if (stopped.code !== 0)
    t.violation(`calsync serve exited ${stopped.code} on SIGTERM: ${serve.stderr().trim().split('\n').pop()}`);
}
