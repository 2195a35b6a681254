// Browser-side measurements: time from navigation start until a page's first
// data is on screen, and frame intervals while the sync log scrolls.
import type { Page } from '@playwright/test';

const FIRST_MATCH_SCRIPT = `((sel) => new Promise((resolve) => {
  if (document.querySelector(sel)) return resolve(performance.now());
  const obs = new MutationObserver(() => {
    if (!document.querySelector(sel)) return;
    obs.disconnect();
    resolve(performance.now());
  });
  obs.observe(document, { childList: true, subtree: true });
}))`;

/**
 * Where each measured load starts from. `about:blank` (the default): the window's COOP header makes Chromium put the
 * page in a new browsing context group, so every load launches a renderer process, as opening the link in a new tab
 * does. `BENCH_UI_FROM=origin`: a page of the window's own origin (a 404, with the same headers), so the load keeps its
 * renderer process, as a reload does.
 */
export function startingPoint(url: string): string {
  return process.env.BENCH_UI_FROM === 'origin' ? new URL('/bench-start', url).href : 'about:blank';
}

/** ms from navigation start to the moment `selector` matches, stamped in the page by an observer (no polling delay). */
export async function firstRenderMs(page: Page, url: string, selector: string): Promise<number> {
  await page.goto(startingPoint(url));
  await page.goto(url, { waitUntil: 'commit' });
  return page.evaluate(`${FIRST_MATCH_SCRIPT}(${JSON.stringify(selector)})`) as Promise<number>;
}

export interface ScrollStats {
  frames: number;
  meanMs: number;
  p95Ms: number;
  maxMs: number;
  rowsInDom: number;
  scrolledRows: number;
}

// Sent as source text: tsx's keepNames would wrap named helpers in __name(), which the page lacks.
const SCROLL_SCRIPT = `(async ({ frames, stepPx }) => new Promise((resolve) => {
  const el = document.querySelector('[data-testid=run-scroller]');
  const times = [];
  let maxRows = 0;
  function tick(t) {
    times.push(t);
    maxRows = Math.max(maxRows, el.querySelectorAll('[data-testid=run-row]').length);
    if (times.length > frames) {
      const d = times.slice(1).map((x, i) => x - times[i]).sort((a, b) => a - b);
      resolve({ frames: d.length, meanMs: d.reduce((a, b) => a + b, 0) / d.length, p95Ms: d[Math.floor(d.length * 0.95)], maxMs: d[d.length - 1], rowsInDom: maxRows, scrolledRows: Math.round(el.scrollTop / 40) });
      return;
    }
    el.scrollTop += stepPx;
    requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
}))`;

/** Scrolls the log by `stepPx` per animation frame and records every frame interval. */
export async function scrollFrames(page: Page, frames: number, stepPx: number): Promise<ScrollStats> {
  return page.evaluate(`${SCROLL_SCRIPT}(${JSON.stringify({ frames, stepPx })})`) as Promise<ScrollStats>;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
