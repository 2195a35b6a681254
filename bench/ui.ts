// UI benchmark (issue 6): with 50,000 cached events and 10,000 sync runs,
// time to first render of Activity and of a Plan week in headless Chromium
// (target ≤ 1 s each), and frame times while the virtualized log scrolls.
// The server is the same loopback server `calsync serve` runs, in-process.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { createApp } from '../src/main/core/app';
import { createLogger } from '../src/main/core/log/logger';
import { startServer } from '../src/main/server/http-server';
import { findRendererDir } from '../src/main/server/renderer-dir';
import { chromiumArgs, chromiumPath } from '../tests/e2e/chromium';
import { firstRenderMs, median, scrollFrames } from './ui/measure';
import { seedStore } from './ui/seed';

export interface BenchReport {
  title: string;
  lines: string[];
  figures: Record<string, number>;
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

export async function runUiBench(
  opts: { events?: number; runs?: number; repeats?: number } = {},
): Promise<BenchReport> {
  const events = opts.events ?? 50_000;
  const runs = opts.runs ?? 10_000;
  const repeats = opts.repeats ?? 5;
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'ignore' });
  const home = mkdtempSync(path.join(os.tmpdir(), 'calsync-ui-bench-'));
  const app = createApp({
    env: {
      CALSYNC_HOME: home,
      CALSYNC_TOKEN_STORE: 'file',
      CALSYNC_GOOGLE_CLIENT_ID: 'id',
      CALSYNC_GOOGLE_CLIENT_SECRET: 'secret',
    },
    logger: createLogger({ level: 'silent' }),
  });
  const seedStart = performance.now();
  seedStore(app.store, { events, runs, calendars: 8, now: Date.now() });
  const seedMs = performance.now() - seedStart;
  const server = await startServer({ api: app.api, events: app.bus, log: app.log, rendererDir: findRendererDir() });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
    // The first visit takes the token from the fragment into the tab's session storage.
    await page.goto(server.url);
    await page.waitForSelector('h1');
    const origin = `http://127.0.0.1:${server.port}/`;
    const status: number[] = [];
    const activity: number[] = [];
    const plan: number[] = [];
    for (let i = 0; i < repeats; i++) {
      status.push(await firstRenderMs(page, `${origin}#/status`, '[data-testid=last-run]'));
      activity.push(await firstRenderMs(page, `${origin}#/activity`, '[data-testid=run-row]'));
      plan.push(await firstRenderMs(page, `${origin}#/plan`, '.rbc-event'));
    }
    const inWeek = await page.locator('.rbc-event').count();
    const apiWeek = await timeApi(server.port, server.token, 'listEvents', {
      from: new Date(Date.now() - 3 * 86_400_000).toISOString(),
      to: new Date(Date.now() + 4 * 86_400_000).toISOString(),
      limit: 20_000,
    });
    const apiRuns = await timeApi(server.port, server.token, 'listRuns', { limit: 500 });
    await page.goto(`${origin}#/activity`);
    await page.waitForSelector('[data-testid=run-row]');
    const scroll = await scrollFrames(page, 240, 120);
    const figures = {
      events,
      runs,
      seedMs,
      statusFirstRenderMs: median(status),
      activityFirstRenderMs: median(activity),
      planFirstRenderMs: median(plan),
      planEventsInWeek: inWeek,
      apiListEventsWeekMs: apiWeek,
      apiListRuns500Ms: apiRuns,
      scrollMeanFrameMs: scroll.meanMs,
      scrollP95FrameMs: scroll.p95Ms,
      scrollMaxFrameMs: scroll.maxMs,
      scrollRowsInDom: scroll.rowsInDom,
      scrolledRows: scroll.scrolledRows,
    };
    const ms = (xs: number[]) => `median ${median(xs).toFixed(0)} ms (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`;
    return {
      title: `UI: ${events.toLocaleString('en')} cached events, ${runs.toLocaleString('en')} runs, headless Chromium against the loopback server`,
      figures,
      lines: [
        `seed through Store:                 ${seedMs.toFixed(0)} ms`,
        `Status first render (reference):    ${ms(status)}`,
        `Activity first render:              ${ms(activity)} (target ≤ 1000 ms)`,
        `Plan week first render:             ${ms(plan)}, ${inWeek} blocks drawn (target ≤ 1000 ms)`,
        `behind them, one API call: listEvents of a week ${apiWeek.toFixed(0)} ms, listRuns 500 ${apiRuns.toFixed(0)} ms (median of 5)`,
        `log scroll, ${scroll.frames} frames × 120 px: mean ${scroll.meanMs.toFixed(1)} ms, p95 ${scroll.p95Ms.toFixed(1)} ms, max ${scroll.maxMs.toFixed(1)} ms per frame; ≤ ${scroll.rowsInDom} rows in the DOM, ${scroll.scrolledRows} rows scrolled`,
      ],
    };
  } finally {
    await browser.close();
    await server.close();
    await app.close();
    rmSync(home, { recursive: true, force: true });
  }
}

/** Median wall time of one API call over loopback HTTP, as the window makes it. */
async function timeApi(port: number, token: string, op: string, input: unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/api/${op}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    await res.json();
    times.push(performance.now() - t);
  }
  return median(times);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await runUiBench();
  console.log(`${r.title}\n${r.lines.map((l) => `  ${l}`).join('\n')}`);
}
