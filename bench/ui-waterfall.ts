// The window's start, request by request (issue 16 item 5): loads one page
// (BENCH_UI_PAGE: status, activity or plan) a few times and prints, from the
// page's own Navigation and Resource Timing and a few marks, when the HTML,
// the bundle, the CSS and each API call started and ended, when the bundle
// began to run, and when the page's first data was on screen — the critical
// path between navigation and first render. BENCH_UI_BASE adds a base build,
// loaded in alternation. Run: BENCH_UI_PAGE=activity npx tsx bench/ui-waterfall.ts
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startServer } from '../src/main/server/http-server';
import { findRendererDir } from '../src/main/server/renderer-dir';
import { chromiumArgs, chromiumPath } from '../tests/e2e/chromium';
import { median, startingPoint } from './ui/measure';
import { benchApp } from './ui/bench-app';
import { seedStore } from './ui/seed';

const SELECTORS: Record<string, string> = {
  status: '[data-testid=last-run]',
  activity: '[data-testid=run-row]',
  plan: '.week-event',
};

// Sent as source text (tsx's keepNames would wrap named helpers in __name()).
const WATERFALL_SCRIPT = `((sel) => new Promise((resolve) => {
  const report = (first) => {
    const nav = performance.getEntriesByType('navigation')[0];
    const rows = [['html', nav.requestStart, nav.responseEnd]];
    for (const r of performance.getEntriesByType('resource')) {
      const name = r.name.replace(/^https?:\\/\\/[^/]+/, '').replace(/-[A-Za-z0-9_-]{8}\\./, '.');
      rows.push([name, r.startTime, r.responseEnd, r.transferSize]);
    }
    const marks = { domInteractive: nav.domInteractive, domContentLoaded: nav.domContentLoadedEventStart, first };
    for (const p of performance.getEntriesByType('paint')) marks[p.name] = p.startTime;
    resolve({ rows, marks });
  };
  const done = () => report(performance.now());
  if (document.querySelector(sel)) return done();
  const obs = new MutationObserver(() => {
    if (!document.querySelector(sel)) return;
    obs.disconnect();
    done();
  });
  obs.observe(document, { childList: true, subtree: true });
}))`;

type Waterfall = { rows: [string, number, number, number?][]; marks: Record<string, number> };

async function load(page: Page, url: string, selector: string): Promise<Waterfall> {
  await page.goto(startingPoint(url));
  await page.goto(url, { waitUntil: 'commit' });
  return page.evaluate(`${WATERFALL_SCRIPT}(${JSON.stringify(selector)})`) as Promise<Waterfall>;
}

function summarize(label: string, runs: Waterfall[]): string[] {
  const names = [...new Set(runs.flatMap((r) => r.rows.map((x) => x[0])))];
  const lines = [`${label}:`];
  for (const n of names) {
    const hits = runs.map((r) => r.rows.find((x) => x[0] === n)).filter((x) => x !== undefined);
    const s = median(hits.map((x) => x[1]));
    const e = median(hits.map((x) => x[2]));
    lines.push(`  ${n.padEnd(40)} ${s.toFixed(0).padStart(5)} → ${e.toFixed(0).padStart(5)} ms`);
  }
  for (const m of Object.keys(runs[0]!.marks))
    lines.push(
      `  ${('mark ' + m).padEnd(40)} ${median(runs.map((r) => r.marks[m] ?? NaN))
        .toFixed(0)
        .padStart(13)} ms`,
    );
  return lines;
}

async function main() {
  const which = process.env.BENCH_UI_PAGE ?? 'status';
  const selector = SELECTORS[which];
  if (!selector) throw new Error(`BENCH_UI_PAGE must be one of ${Object.keys(SELECTORS).join(', ')}`);
  const repeats = Number(process.env.BENCH_UI_REPEATS ?? 5);
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  if (!process.env.BENCH_UI_NO_BUILD)
    execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'ignore' });
  const { app, home } = benchApp('calsync-ui-waterfall-');
  seedStore(app.store, { events: 50_000, runs: 10_000, calendars: 8, now: Date.now() });
  const opts = { api: app.api, events: app.bus, log: app.log };
  const builds = [{ label: 'this tree', server: await startServer({ ...opts, rendererDir: findRendererDir() }) }];
  if (process.env.BENCH_UI_BASE)
    builds.push({ label: 'base', server: await startServer({ ...opts, rendererDir: process.env.BENCH_UI_BASE }) });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    const pages = await Promise.all(
      builds.map(async (b) => {
        const p = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
        await p.goto(b.server.url);
        await p.waitForSelector('h1');
        return p;
      }),
    );
    const out: Waterfall[][] = builds.map(() => []);
    const loadBefore = os.loadavg()[0]!;
    for (let i = 0; i < repeats; i++) {
      const order = i % 2 ? [...builds.keys()].reverse() : [...builds.keys()];
      for (const k of order)
        out[k]!.push(await load(pages[k]!, `http://127.0.0.1:${builds[k]!.server.port}/#/${which}`, selector));
    }
    const loadAfter = os.loadavg()[0]!;
    console.log(`${which}: ${repeats} loads each, medians; load ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}`);
    builds.forEach((b, k) => console.log(summarize(b.label, out[k]!).join('\n')));
  } finally {
    await browser.close();
    for (const b of builds) await b.server.close();
    await app.close();
    rmSync(home, { recursive: true, force: true });
  }
}

await main();
