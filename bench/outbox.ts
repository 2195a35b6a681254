// What the Supabase outbox costs the sync engine's writes, without the network:
// the same page writes (applyPage, 2,500 rows per transaction) into a cache
// with the outbox disarmed (no Supabase configured) and armed (the
// repositories queue every change through store/outbox-writer.ts), alternating, best of several rounds. Also: the 100-change
// incremental page, the sweep of a calendar, the cascade of disabling one,
// and the backfill of arming on a full cache.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EventRow } from '../src/main/core/store/event-row';
import { Store } from '../src/main/core/store/store';
import { applyPage } from '../src/main/core/sync/apply-page';
import type { PagePlan } from '../src/main/core/sync/page-plan';

// Ids shaped like Google's: 26 random base32hex characters per event, long
// group calendar ids. Their random order is what makes b-tree inserts cost.
let seed = 42;
const rand = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
const randomId = (n: number) =>
  Array.from({ length: n }, () => '0123456789abcdefghijklmnopqrstuv'[Math.floor(rand() * 32)]).join('');

const CALENDARS = 5;
const PER_CALENDAR = 20_000;
const PAGE = 2_500;
const IDS = Array.from({ length: CALENDARS * PER_CALENDAR * 1.5 }, () => randomId(26));
const CALENDAR_IDS = Array.from({ length: CALENDARS }, () => `${randomId(52)}@group.calendar.google.com`);

function row(i: number, version = 1): EventRow {
  const start = Date.UTC(2026, 0, 1) + i * 3_600_000;
  return {
    id: IDS[i]!,
    iCalUID: `uid${i}@google.com`,
    recurringEventId: null,
    originalStart: null,
    status: 'confirmed',
    title: `Meeting ${i} v${version}`,
    description: i % 3 ? null : 'Agenda: the usual things, in the usual order.',
    location: null,
    allDay: false,
    startMs: start,
    endMs: start + 1_800_000,
    startDate: null,
    endDate: null,
    timeZone: 'Europe/Berlin',
    endTimeUnspecified: false,
    transparency: 'opaque',
    eventType: 'default',
    selfResponse: 'accepted',
    updated: new Date(Date.UTC(2026, 0, 1) + version * 1000).toISOString(),
    etag: `"${i}-${version}"`,
    calsyncTaskId: null,
    calsyncProposalId: null,
    colorId: null,
  };
}

const plan = (rows: EventRow[]): PagePlan => ({
  actions: rows.map((r) => ({ kind: 'upsert' as const, row: r })),
  skips: [],
  notes: [],
});
const ms = (f: () => void) => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};

interface Round {
  full: number;
  incremental: number;
  sweep: number;
  disable: number;
  backfill: number;
  queued: number;
  /** Rows SQLite wrote per event in the full sync (total_changes, which counts trigger programs too). */
  writesPerEvent: number;
}

function round(armed: boolean): Round {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'calsync-outbox-bench-'));
  const store = Store.open(path.join(dir, 'calsync.db'));
  try {
    store.accounts.upsert({ id: 'acc', email: 'a@example.test', scopes: [], tokenIssuedAt: 0 }, 0);
    const cals = CALENDAR_IDS.map((id, c) => ({
      id,
      summary: `c${c}`,
      timeZone: 'UTC',
      accessRole: 'owner',
      primary: c === 0,
      color: null,
    }));
    store.calendars.replaceForAccount('acc', cals);
    if (armed) store.outbox.arm('https://bench.example#00000000-0000-4000-8000-000000000000', 0);
    // Full sync: every calendar empty at first, so the engine's insert-only path.
    const changes = () => (store.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const before = changes();
    const full = ms(() => {
      for (const [c, cal] of cals.entries()) {
        for (let p = 0; p < PER_CALENDAR / PAGE; p++) {
          const rows = Array.from({ length: PAGE }, (_, k) => row(c * PER_CALENDAR + p * PAGE + k));
          store.transaction(() => applyPage(store, 'acc', cal.id, plan(rows), 1, true));
        }
      }
    });
    const writesPerEvent = (changes() - before) / (CALENDARS * PER_CALENDAR);
    // Incremental: one page of 100 changed events.
    const changed = Array.from({ length: 100 }, (_, k) => row(k * 7, 2));
    const incremental = ms(() => store.transaction(() => applyPage(store, 'acc', cals[0]!.id, plan(changed), null)));
    // A full listing that no longer has half of a calendar: the sweep.
    store.transaction(() => {
      for (let i = PER_CALENDAR; i < PER_CALENDAR * 1.5; i++) store.events.upsert('acc', cals[1]!.id, row(i), 2);
    });
    const sweep = ms(() => store.transaction(() => store.events.sweepUnseen('acc', cals[1]!.id, 2)));
    // Disabling a calendar: its 20,000 events go by cascade.
    const disable = ms(() => store.calendars.setEnabled('acc', cals[2]!.id, false));
    const queued = store.outbox.count();
    // Connecting with a full cache: the backfill.
    store.outbox.disarm();
    const backfill = armed
      ? ms(() => store.outbox.arm('https://bench.example#10000000-0000-4000-8000-000000000000', 1))
      : 0;
    return { full, incremental, sweep, disable, backfill, queued, writesPerEvent };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runOutboxBench(
  rounds = 3,
): Promise<{ title: string; lines: string[]; figures: Record<string, number> }> {
  const best = { off: null as Round | null, on: null as Round | null };
  const min = (a: Round | null, b: Round): Round =>
    a
      ? {
          full: Math.min(a.full, b.full),
          incremental: Math.min(a.incremental, b.incremental),
          sweep: Math.min(a.sweep, b.sweep),
          disable: Math.min(a.disable, b.disable),
          backfill: Math.min(a.backfill, b.backfill),
          queued: b.queued,
          writesPerEvent: b.writesPerEvent,
        }
      : b;
  for (let r = 0; r < rounds; r++) {
    best.off = min(best.off, round(false));
    best.on = min(best.on, round(true));
  }
  const off = best.off!;
  const on = best.on!;
  const n = CALENDARS * PER_CALENDAR;
  const pct = (a: number, b: number) => `${(((a - b) / b) * 100).toFixed(0)}%`;
  return {
    title: `Outbox: cache writes with Supabase not connected vs connected (best of ${rounds}, ${n.toLocaleString('en')} events)`,
    figures: {
      fullOffMs: off.full,
      fullOnMs: on.full,
      incOffMs: off.incremental,
      incOnMs: on.incremental,
      sweepOffMs: off.sweep,
      sweepOnMs: on.sweep,
      disableOffMs: off.disable,
      disableOnMs: on.disable,
      backfillMs: on.backfill,
      writesPerEventOff: off.writesPerEvent,
      writesPerEventOn: on.writesPerEvent,
    },
    lines: [
      `full-sync page writes:  ${off.full.toFixed(0)} ms → ${on.full.toFixed(0)} ms (+${pct(on.full, off.full)}, ${(((on.full - off.full) / n) * 1000).toFixed(1)} µs per event)`,
      `rows written per event: ${off.writesPerEvent.toFixed(2)} → ${on.writesPerEvent.toFixed(2)}`,
      `100-change page:        ${off.incremental.toFixed(1)} ms → ${on.incremental.toFixed(1)} ms`,
      `sweep of 10,000:        ${off.sweep.toFixed(0)} ms → ${on.sweep.toFixed(0)} ms`,
      `disable (cascade 20k):  ${off.disable.toFixed(0)} ms → ${on.disable.toFixed(0)} ms`,
      `backfill on connect:    ${on.backfill.toFixed(0)} ms for ${(n - PER_CALENDAR - PER_CALENDAR / 2).toLocaleString('en')} events; outbox rows after the run: ${on.queued.toLocaleString('en')}`,
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const r = await runOutboxBench(Number(process.env.BENCH_ROUNDS ?? 3));
  console.log(`\n${r.title}\n${r.lines.map((l) => `  ${l}`).join('\n')}`);
}
