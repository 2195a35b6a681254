// Draws calsync's icons into resources/: the tray icon for each state
// (idle, syncing, error, paused, needs-login) at 1x and 2x, their macOS
// template versions (black + alpha, tinted by the menu bar), and the 512px app
// icon electron-builder turns into .icns/.ico. Shapes are inside-tests in a
// unit square, supersampled 8x8 per pixel for anti-aliasing.
// Run: node scripts/make-icons.mjs  (the output is committed).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng } from './png.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DARK = [38, 50, 56, 255];
const PAGE = [250, 250, 250, 255];
const BLACK = [0, 0, 0, 255];
export const STATE_COLORS = {
  idle: [46, 125, 50, 255],
  syncing: [21, 101, 192, 255],
  error: [198, 40, 40, 255],
  paused: [96, 125, 139, 255],
  'needs-login': [230, 100, 0, 255],
};

const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  const qx = Math.abs(x - (x0 + x1) / 2) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(y - (y0 + y1) / 2) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r <= 0;
};
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) <= r;
const capsule = (ax, ay, bx, by, r) => (x, y) => {
  const [px, py, dx, dy] = [x - ax, y - ay, bx - ax, by - ay];
  const h = Math.min(1, Math.max(0, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * h, py - dy * h) <= r;
};
const triangle = (a, b, c) => (x, y) => {
  const s = (p, q) => (x - q[0]) * (p[1] - q[1]) - (p[0] - q[0]) * (y - q[1]);
  const [d1, d2, d3] = [s(a, b), s(b, c), s(c, a)];
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};
const union =
  (...fs) =>
  (x, y) =>
    fs.some((f) => f(x, y));
const minus = (f, g) => (x, y) => f(x, y) && !g(x, y);
const clipY = (f, maxY) => (x, y) => y <= maxY && f(x, y);

function glyph(state, cx, cy, u) {
  switch (state) {
    case 'idle':
      return union(
        capsule(cx - 0.7 * u, cy, cx - 0.15 * u, cy + 0.55 * u, 0.17 * u),
        capsule(cx - 0.15 * u, cy + 0.55 * u, cx + 0.75 * u, cy - 0.6 * u, 0.17 * u),
      );
    case 'syncing': {
      const ring = (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - 0.58 * u) <= 0.16 * u;
      const gap = (x, y) => x > cx && y < cy; // leave the upper-right quarter open
      return union(
        minus(ring, gap),
        triangle([cx + 0.2 * u, cy - 0.95 * u], [cx + 0.2 * u, cy - 0.2 * u], [cx + 0.75 * u, cy - 0.58 * u]),
      );
    }
    case 'error':
      return union(capsule(cx, cy - 0.7 * u, cx, cy + 0.15 * u, 0.18 * u), circle(cx, cy + 0.62 * u, 0.19 * u));
    case 'paused':
      return union(
        capsule(cx - 0.35 * u, cy - 0.6 * u, cx - 0.35 * u, cy + 0.6 * u, 0.18 * u),
        capsule(cx + 0.35 * u, cy - 0.6 * u, cx + 0.35 * u, cy + 0.6 * u, 0.18 * u),
      );
    case 'needs-login':
      return union(circle(cx, cy - 0.38 * u, 0.34 * u), clipY(circle(cx, cy + 0.85 * u, 0.72 * u), cy + 0.8 * u));
    default:
      throw new Error(`no glyph for ${state}`);
  }
}

/** Layers, bottom first: [inside-test, colour]. */
function calendarLayers(state, { template, accent }) {
  const outer = roundRect(0.06, 0.14, 0.94, 0.96, 0.14);
  const inner = roundRect(0.13, 0.21, 0.87, 0.89, 0.08);
  const header = clipY(outer, 0.4);
  const rings = union(capsule(0.3, 0.08, 0.3, 0.22, 0.065), capsule(0.7, 0.08, 0.7, 0.22, 0.065));
  const mark = glyph(state, 0.5, 0.66, 0.2);
  if (template) return [[union(minus(outer, inner), header, rings, mark), BLACK]];
  return [
    [outer, DARK],
    [inner, PAGE],
    [header, accent],
    [rings, DARK],
    [mark, accent],
  ];
}

function render(size, layers) {
  const n = 8;
  const out = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          // Topmost layer that covers the sample wins (layers are opaque).
          const hit = [...layers].reverse().find(([inside]) => inside(x, y));
          if (!hit) continue;
          const [cr, cg, cb, ca] = hit[1];
          r += cr;
          g += cg;
          b += cb;
          a += ca;
        }
      }
      const samples = n * n;
      const alpha = a / samples;
      const i = (py * size + px) * 4;
      // Colour of the covered part (un-premultiplied), alpha from coverage.
      const covered = a / 255 || 1;
      out[i] = Math.round(r / covered);
      out[i + 1] = Math.round(g / covered);
      out[i + 2] = Math.round(b / covered);
      out[i + 3] = Math.round(alpha);
    }
  }
  return out;
}

function write(rel, size, layers) {
  const file = path.join(root, 'resources', rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, encodePng(size, size, render(size, layers)));
  return rel;
}

const written = [];
for (const [state, accent] of Object.entries(STATE_COLORS)) {
  for (const [suffix, size] of [
    ['', 16],
    ['@2x', 32],
  ]) {
    written.push(write(`tray/tray-${state}${suffix}.png`, size, calendarLayers(state, { template: false, accent })));
    written.push(
      write(`tray/tray-${state}Template${suffix}.png`, size, calendarLayers(state, { template: true, accent })),
    );
  }
}
written.push(write('icon.png', 512, calendarLayers('idle', { template: false, accent: [30, 136, 229, 255] })));
process.stdout.write(`wrote ${written.length} icons under resources/\n`);
