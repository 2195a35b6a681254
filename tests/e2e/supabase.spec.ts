// The Supabase workspace from the window: connect a project, refuse a
// service_role key, sign in as a member, push the cache, and see the
// connection and the outbox on Status; then disconnect (after a confirm).
// Against the test shim (PGlite).
import { expect, test } from '@playwright/test';
import { startSupabaseShim, type SupabaseShim } from '../fakes/supabase';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { startWorld, type World } from '../helpers/world';
import { newWorkspace, workspaceView, type Workspace } from '../helpers/workspace';

let world: World;
let shim: SupabaseShim;
let ws: Workspace;
let serve: ServeProcess;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  shim = await startSupabaseShim({ databaseUrl: process.env.TEST_DATABASE_URL || undefined });
  ws = await newWorkspace(shim);
  world = await startWorld();
  for (let i = 0; i < 12; i++) {
    const start = Date.UTC(2026, 2, 2 + i, 9);
    world.google.insertEvent(world.user.email, {
      summary: `Review ${i}`,
      start: { dateTime: new Date(start).toISOString() },
      end: { dateTime: new Date(start + 3_600_000).toISOString() },
    });
  }
  // Signed in and synced before the window opens: there is a cache to push.
  const app = world.app();
  await world.login(app);
  await app.sync.request({ trigger: 'cli' });
  await app.close();
  serve = await startServe(world.env);
});

test.afterAll(async () => {
  await serve?.stop();
  await world?.close();
  await shim?.close();
});

test('connect a Supabase project, sign in, push, and see it on Status', async ({ page }) => {
  await page.goto(serve.url);
  await expect(page.getByTestId('supabase-connection')).toHaveText('not connected');
  await page.getByRole('link', { name: 'Settings' }).click();
  const connect = page.getByRole('form', { name: 'Connect a Supabase project' });
  await connect.getByLabel('Project URL').fill(shim.url);
  await connect.getByLabel('Anon (public) key').fill(shim.serviceRoleKey);
  await connect.getByLabel('Workspace id').fill(ws.wsId);
  await connect.getByRole('button', { name: 'Connect' }).click();
  await expect(connect.getByRole('alert')).toContainText('service_role');

  await connect.getByLabel('Anon (public) key').fill(shim.anonKey);
  await connect.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByText(shim.url, { exact: true })).toBeVisible();

  const signIn = page.getByRole('form', { name: 'Sign in to Supabase' });
  await signIn.getByLabel('Password').fill('wrong password');
  await signIn.getByLabel('Email', { exact: true }).fill(ws.email);
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await expect(signIn.getByRole('alert')).not.toBeEmpty();
  await signIn.getByLabel('Password').fill(ws.password);
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(ws.email, { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Push now' }).click();
  await page.getByRole('link', { name: 'Status' }).click();
  await expect(page.getByTestId('supabase-connection')).toContainText(`connected as ${ws.email}`);
  await expect(page.getByTestId('outbox-pending')).toHaveText('0', { timeout: 30_000 });
  expect(await workspaceView(ws)).toHaveLength(12);
  await page.screenshot({ path: 'test-results/screens/status-supabase.png', fullPage: true });

  // Disconnect asks first; "Stay connected" changes nothing.
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Disconnect…' }).click();
  const confirm = page.getByRole('group', { name: 'Confirm disconnecting' });
  await expect(confirm).toContainText('drop the 0 change(s) still queued');
  await confirm.getByRole('button', { name: 'Stay connected' }).click();
  await expect(page.getByText(shim.url, { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Disconnect…' }).click();
  await page
    .getByRole('group', { name: 'Confirm disconnecting' })
    .getByRole('button', { name: 'Disconnect', exact: true })
    .click();
  await expect(page.getByRole('status').filter({ hasText: 'Disconnected' })).toContainText(
    '0 queued change(s) dropped',
  );
  await expect(page.getByRole('button', { name: 'Disconnect…' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Status' }).click();
  await expect(page.getByTestId('supabase-connection')).toHaveText('not connected');
  expect(await workspaceView(ws)).toHaveLength(12); // the rows already pushed stay
});
