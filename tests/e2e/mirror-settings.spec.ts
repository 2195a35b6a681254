// Busy mirroring in the window (issue 17), against a real `calsync serve` and
// the fake Google: a rule added in Settings from the calendar pickers, Sync
// now, and the rule's count of mirrors appears; removal asks about the events.
import { expect, test } from '@playwright/test';
import { startWorld, type World } from '../helpers/world';
import { startServe, type ServeProcess } from '../helpers/serve-process';

let world: World;
let serve: ServeProcess;
let side: string;
const iso = (ms: number) => new Date(ms).toISOString();

test.beforeAll(async () => {
  world = await startWorld();
  const me = 'ada@example.test';
  side = world.google.addCalendar(me, { summary: 'Side project', timeZone: 'UTC' });
  const now = Date.now();
  for (let i = 1; i <= 3; i++)
    world.google.insertEvent(me, {
      summary: `Dentist ${i}`,
      start: { dateTime: iso(now + i * 86_400_000) },
      end: { dateTime: iso(now + i * 86_400_000 + 3_600_000) },
    });
  const app = world.app();
  await world.login(app, { write: true });
  await app.sync.request({ trigger: 'cli' });
  await app.close();
  serve = await startServe(world.env);
});

test.afterAll(async () => {
  await serve?.stop();
  await world?.close();
});

test('Settings: add a mirror, Sync now, its count appears; remove it keeping the events', async ({ page }) => {
  await page.goto(serve.url);
  await page.getByRole('link', { name: 'Settings' }).click();
  const card = page.getByRole('region', { name: 'Mirrors' });
  await expect(card.getByText('No mirrors yet.')).toBeVisible();
  await card.getByLabel('From calendar').selectOption({ label: 'ada@example.test (ada@example.test)' });
  await card.getByLabel('To calendar').selectOption({ label: 'Side project (ada@example.test)' });
  await card.getByLabel('Buffer before (minutes)').fill('10');
  await card.getByRole('button', { name: 'Add mirror' }).click();
  const rule = card.getByTestId('mirror-rule');
  await expect(rule).toContainText('runs with the next sync');
  await page.getByRole('link', { name: 'Status' }).click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(card.getByTestId('mirror-count')).toHaveText('3 mirrored', { timeout: 20_000 });
  await expect(rule).toContainText('3 added');
  const mirrors = () => world.google.liveEvents(side).filter((e) => e.extendedProperties?.private?.calsyncMirrorRule);
  expect(mirrors()).toHaveLength(3);
  await card.getByRole('button', { name: /^Remove mirror/ }).click();
  await card.getByLabel(/Keep the mirrored events/).check();
  await card.getByRole('button', { name: 'Remove the mirror' }).click();
  await expect(card.getByText('No mirrors yet.')).toBeVisible();
  expect(mirrors()).toHaveLength(3);
});
