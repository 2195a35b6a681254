// The window outlives its `calsync serve`: while the server is down it says it
// is reconnecting; when serve comes back on the same port it has a new access
// token, and the window says to open the new link instead of retrying for ever.
import { createServer } from 'node:net';
import { expect, test } from '@playwright/test';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { startWorld, type World } from '../helpers/world';

let world: World;
const running: ServeProcess[] = [];

test.beforeAll(async () => {
  world = await startWorld();
});
test.afterAll(async () => {
  for (const s of running) await s.stop();
  await world?.close();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('after serve restarts with a new token the window says to open the new link', async ({ page }) => {
  const port = await freePort();
  const first = await startServe(world.env, ['--port', String(port)]);
  running.push(first);
  await page.goto(first.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Status' })).toBeVisible();

  await first.stop();
  await expect(page.getByText('Lost the connection to calsync. Reconnecting…')).toBeVisible();

  const second = await startServe(world.env, ['--port', String(port)]);
  running.push(second);
  expect(second.token).not.toBe(first.token);
  const notice = page.getByTestId('token-rejected');
  await expect(notice).toContainText('calsync serve restarted — open the new link it printed', { timeout: 30_000 });
  await expect(page.getByText('Reconnecting…')).toBeHidden();

  // The new link works pasted into the same tab (only the fragment changes: no navigation by itself).
  await page.goto(second.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Status' })).toBeVisible();
  await expect(notice).toBeHidden();
});
