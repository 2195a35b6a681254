// Main-thread CPU to first render (issue 16 item 5): on a loaded machine the
// wall time of a page load says more about the neighbours than about the page,
// so this loads the Plan page (BENCH_UI_PAGE: or activity, or status) of this
// build and of a base build in alternation under a Chrome trace and sums the
// renderer main thread's CPU (thread time of its top-level tasks) from
// navigation until the first block (run row, last run) is in the DOM, and until
// the page has settled (the redraws after proposals, tasks and the re-plan arrive). Style recalculation and layout are
// reported apart. Run: BENCH_UI_BASE=<main's out/renderer> npx tsx bench/ui-cpu.ts
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startServer } from '../src/main/server/http-server';
import { findRendererDir } from '../src/main/server/renderer-dir';
import { chromiumArgs, chromiumPath } from '../tests/e2e/chromium';
import { median, startingPoint } from './ui/measure';
import { benchApp } from './ui/bench-app';
import { seedStore } from './ui/seed';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { frame?: string } };
}

interface Sample {
  firstMs: number;
  cpuToFirst: number;
  styleToFirst: number;
  layoutToFirst: number;
  cpuSettled: number;
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// Each task shows as RunTask with a ThreadControllerImpl::RunTask inside: count the outer one only.
const TOP = new Set(['RunTask']);

// Stamps a user-timing mark when the selector first matches (the trace carries it).
const MARK_SCRIPT = `((sel) => new Promise((resolve) => {
  const done = () => { performance.mark('first-render'); resolve(performance.now()); };
  if (document.querySelector(sel)) return done();
  const obs = new MutationObserver(() => {
    if (!document.querySelector(sel)) return;
    obs.disconnect();
    done();
  });
  obs.observe(document, { childList: true, subtree: true });
}))`;

async function traced(browser: Browser, page: Page, url: string, selector: string, settleMs: number) {
  await page.goto(startingPoint(url));
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'toplevel'],
  });
  await page.goto(url, { waitUntil: 'commit' });
  const firstMs = (await page.evaluate(`${MARK_SCRIPT}(${JSON.stringify(selector)})`)) as number;
  await page.waitForTimeout(settleMs);
  const buf = await browser.stopTracing();
  const events = (JSON.parse(buf.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const mark = events.find((e) => e.name === 'first-render');
  if (!mark) throw new Error('no first-render mark in the trace');
  // The renderer's main thread is the one the mark was made on.
  const main = events.filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X');
  const cpu = (e: TraceEvent) => (e.tdur ?? e.dur ?? 0) / 1000;
  const before = (e: TraceEvent) => e.ts < mark.ts;
  const sum = (xs: TraceEvent[]) => xs.reduce((a, e) => a + cpu(e), 0);
  const tops = main.filter((e) => TOP.has(e.name));
  return {
    firstMs,
    cpuToFirst: sum(tops.filter(before)),
    styleToFirst: sum(main.filter((e) => e.name === 'UpdateLayoutTree' && before(e))),
    layoutToFirst: sum(main.filter((e) => e.name === 'Layout' && before(e))),
    cpuSettled: sum(tops),
  } satisfies Sample;
}

const fmt = (xs: number[]) => `${median(xs).toFixed(0)} (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;

async function main() {
  const baseDir = process.env.BENCH_UI_BASE;
  if (!baseDir) throw new Error('BENCH_UI_BASE=<a base build of out/renderer> is required');
  const pairs = Number(process.env.BENCH_UI_REPEATS ?? 5);
  const which = (['activity', 'status'] as const).find((p) => p === process.env.BENCH_UI_PAGE) ?? 'plan';
  const selector = {
    plan: '.week-event, .rbc-event',
    activity: '[data-testid=run-row]',
    status: '[data-testid=last-run]',
  }[which];
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'ignore' });
  const { app, home } = benchApp('calsync-ui-cpu-');
  seedStore(app.store, { events: 50_000, runs: 10_000, calendars: 8, now: Date.now() });
  const opts = { api: app.api, events: app.bus, log: app.log };
  const self = await startServer({ ...opts, rendererDir: findRendererDir() });
  const base = await startServer({ ...opts, rendererDir: baseDir });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    const open = async (url: string) => {
      const p = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
      await p.goto(url);
      await p.waitForSelector('h1');
      return p;
    };
    const pages = { self: await open(self.url), base: await open(base.url) };
    const origins = { self: `http://127.0.0.1:${self.port}/`, base: `http://127.0.0.1:${base.port}/` };
    const out: Record<'self' | 'base', Sample[]> = { self: [], base: [] };
    const loadBefore = os.loadavg()[0]!;
    for (let i = 0; i < pairs; i++) {
      const order: ('self' | 'base')[] = i % 2 ? ['base', 'self'] : ['self', 'base'];
      for (const k of order) {
        out[k].push(await traced(browser, pages[k], `${origins[k]}#/${which}`, selector, 2500));
      }
    }
    const loadAfter = os.loadavg()[0]!;
    const col = (k: 'self' | 'base', f: keyof Sample) => fmt(out[k].map((s) => s[f]));
    const ratio = (f: keyof Sample) => fmt(out.self.map((s, i) => s[f] / out.base[i]![f]).map((x) => x * 100));
    console.log(
      `${which}: ${pairs} alternating pairs from ${startingPoint(origins.self)}, load ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}`,
    );
    console.log(`  ms, median (spread)          this               base               this/base %`);
    for (const f of ['firstMs', 'cpuToFirst', 'styleToFirst', 'layoutToFirst', 'cpuSettled'] as const) {
      console.log(`  ${f.padEnd(26)} ${col('self', f).padEnd(18)} ${col('base', f).padEnd(18)} ${ratio(f)}`);
    }
  } finally {
    await browser.close();
    await self.close();
    await base.close();
    await app.close();
    rmSync(home, { recursive: true, force: true });
  }
}

await main();
