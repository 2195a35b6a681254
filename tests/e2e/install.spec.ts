// Nothing built by hand: a fresh copy of the checkout, after what `npm
// install` runs (the "prepare" script), has the CLI bundle and the window, and
// `calsync serve` through bin/calsync.js shows the window. And a `calsync
// serve` started before the window was built shows it on reload once built.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { copyCheckout, type CheckoutCopy } from '../helpers/checkout-copy';
import { repoRoot } from '../helpers/fixtures';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { startWorld, type World } from '../helpers/world';

let world: World;
let copy: CheckoutCopy | null = null;
let serve: ServeProcess | null = null;

test.beforeEach(async () => {
  world = await startWorld();
  // The copy's own files must be the ones found, never this checkout's build.
  delete world.env.CALSYNC_RENDERER_DIR;
});
test.afterEach(async () => {
  await serve?.stop();
  serve = null;
  copy?.remove();
  copy = null;
  await world?.close();
});

test('npm install (its prepare script, offline) builds the CLI and the window, and `calsync serve` shows the window', async ({
  page,
}) => {
  test.setTimeout(300_000);
  copy = copyCheckout();
  const pkg = JSON.parse(readFileSync(path.join(copy.root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
    bin: Record<string, string>;
  };
  expect(pkg.scripts.prepare, 'package.json has a prepare script (npm install and npm ci run it)').toBeTruthy();
  expect(existsSync(path.join(copy.root, 'out'))).toBe(false);

  // What npm runs after installing: the prepare script, with no network (a dead proxy, offline npm).
  const dead = 'http://127.0.0.1:9';
  const ran = spawnSync('npm', ['run', '-s', 'prepare'], {
    cwd: copy.root,
    env: {
      ...process.env,
      npm_config_offline: 'true',
      HTTP_PROXY: dead,
      HTTPS_PROXY: dead,
      http_proxy: dead,
      https_proxy: dead,
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
    },
    encoding: 'utf8',
    timeout: 240_000,
  });
  expect(ran.status, `prepare failed:\n${ran.stdout}\n${ran.stderr}`).toBe(0);
  expect(existsSync(path.join(copy.root, 'out/cli/calsync.mjs'))).toBe(true);
  expect(existsSync(path.join(copy.root, 'out/renderer/index.html'))).toBe(true);

  // The installed command (bin/calsync.js), from the copy: its window, not a placeholder.
  serve = await startServe(world.env, [], { entry: path.join(copy.root, pkg.bin.calsync!), cwd: copy.root });
  const index = await page.request.get(`${serve.origin}/`);
  expect(await index.text()).not.toContain('has not been built');
  await page.goto(serve.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Status' })).toBeVisible();
});

test('without the install step (npm ci --ignore-scripts) the first run of bin/calsync.js builds, saying so, and serve shows the window', async ({
  page,
}) => {
  test.setTimeout(300_000);
  copy = copyCheckout();
  serve = await startServe(world.env, [], {
    entry: path.join(copy.root, 'bin/calsync.js'),
    cwd: copy.root,
    startupMs: 240_000,
  });
  expect(serve.stderr()).toContain('calsync: first run: building the command line and the window (once)…');
  expect(existsSync(path.join(copy.root, 'out/cli/calsync.mjs'))).toBe(true);
  await page.goto(serve.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Status' })).toBeVisible();
});

test('a window built after `calsync serve` started is served on reload, without restarting serve', async ({ page }) => {
  copy = copyCheckout();
  // A copy with the CLI bundle (this checkout's, built by the global setup) and no window yet.
  mkdirSync(path.join(copy.root, 'out/cli'), { recursive: true });
  cpSync(path.join(repoRoot, 'out/cli'), path.join(copy.root, 'out/cli'), { recursive: true });
  serve = await startServe(world.env, [], { entry: path.join(copy.root, 'bin/calsync.js'), cwd: copy.root });
  await page.goto(serve.url);
  await expect(page.getByText('has not been built')).toBeVisible();

  // `npm run build` in the meantime (the window's files as Vite writes them).
  cpSync(path.join(repoRoot, 'out/renderer'), path.join(copy.root, 'out/renderer'), { recursive: true });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Status' })).toBeVisible();
  await expect(page.getByText('has not been built')).toBeHidden();
});
