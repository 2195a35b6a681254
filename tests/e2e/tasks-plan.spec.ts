// Tasks and the Plan review in the window. The planner's operations are
// being wired in by another part of the project: until they answer, the
// pages must say so calmly; once they do, the task list flow runs for real.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { startWorld, type World } from '../helpers/world';
import { startServe, type ServeProcess } from '../helpers/serve-process';

let world: World;
let serve: ServeProcess;
let plannerReady = false;

async function call(request: APIRequestContext, op: string, input: unknown) {
  const res = await request.post(`${serve.origin}/api/${op}`, { data: input, headers: { Authorization: `Bearer ${serve.token}` } });
  return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }) => {
  world = await startWorld();
  serve = await startServe(world.env);
  const probe = await call(request, 'listTasks', { status: 'all' });
  plannerReady = probe.ok || probe.error?.code !== 'not-configured';
});

test.afterAll(async () => {
  await serve?.stop();
  await world?.close();
});

test('Tasks and Plan show the planner state without alarm', async ({ page }) => {
  await page.goto(serve.url);
  await page.getByRole('link', { name: 'Tasks' }).click();
  if (plannerReady) {
    await expect(page.getByText('No tasks. Add one above')).toBeVisible();
  } else {
    await expect(page.getByTestId('not-available')).toContainText('not available');
    await expect(page.getByRole('button', { name: 'Add task' })).toBeDisabled();
    await expect(page.getByRole('alert')).toHaveCount(0);
  }
  await page.getByRole('link', { name: 'Plan' }).click();
  await expect(page.getByTestId('week-view')).toBeVisible();
  if (plannerReady) await expect(page.getByText('No blocks proposed')).toBeVisible();
  else await expect(page.getByTestId('not-available')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a task is added, edited, completed and deleted, its title shown as text', async ({ page }) => {
  test.skip(!plannerReady, 'the task operations answer not-configured in this build');
  const title = 'Write <b>report</b> & <script>alert(1)</script>';
  page.on('dialog', (d) => {
    throw new Error(`unexpected dialog: ${d.message()}`);
  });
  await page.goto(serve.url);
  await page.getByRole('link', { name: 'Tasks' }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Duration (minutes)').fill('90');
  await page.getByLabel('Priority').selectOption('1');
  await page.getByRole('button', { name: 'Add task' }).click();
  const task = page.getByTestId('task').filter({ hasText: title });
  await expect(task).toBeVisible();
  await expect(task).toContainText('P1 · 90 min');
  await expect(task.locator('b, script')).toHaveCount(0);

  await task.getByRole('button', { name: `Edit ${title}` }).click();
  await page.getByLabel('Title', { exact: true }).last().fill('Write the report');
  await page.getByRole('button', { name: 'Save task' }).click();
  const edited = page.getByTestId('task').filter({ hasText: 'Write the report' });
  await expect(edited).toBeVisible();

  await edited.getByRole('checkbox').check();
  await expect(edited).toHaveCount(0);
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(page.getByTestId('task').filter({ hasText: 'Write the report' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/tasks-done.png', fullPage: true });

  const done = page.getByTestId('task').filter({ hasText: 'Write the report' });
  await done.getByRole('button', { name: 'Delete Write the report' }).click();
  await done.getByRole('button', { name: /Delete “Write the report”/ }).click();
  await expect(page.getByTestId('task')).toHaveCount(0);
});
