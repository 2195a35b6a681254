// The benchmark's load: 100,000 events over 5 calendars, served in pages of
// 2,500. Bounds are loose on purpose (CI machines vary); what they catch is
// per-request work growing with the calendar instead of the page.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeGoogle, type FakeGoogle } from './index';
import { login } from './test-client';

const EMAIL = 'bench@example.test';
let fake: FakeGoogle;
let token: string;
const calendars: string[] = [];

beforeAll(async () => {
  fake = await startFakeGoogle({ seed: 99 });
  fake.addUser({ email: EMAIL });
  for (let c = 0; c < 5; c++) {
    const cal = fake.addCalendar(EMAIL, { summary: `bench ${c}`, timeZone: 'Europe/Berlin' });
    calendars.push(cal);
    for (let i = 0; i < 20_000; i++) {
      const start = Date.UTC(2026, 0, 1) + i * 3_600_000;
      fake.insertEvent(cal, {
        summary: `event ${i}`,
        start: { dateTime: new Date(start).toISOString(), timeZone: 'Europe/Berlin' },
        end: { dateTime: new Date(start + 1_800_000).toISOString(), timeZone: 'Europe/Berlin' },
      });
    }
  }
  token = (await login(fake, { email: EMAIL })).client.credentials.access_token as string;
}, 120_000);
afterAll(() => fake.close());

async function page(
  cal: string,
  q: Record<string, string>,
): Promise<{ ms: number; body: { items: unknown[]; nextPageToken?: string; nextSyncToken?: string } }> {
  const t = performance.now();
  const res = await fetch(
    `${fake.baseUrl}calendar/v3/calendars/${encodeURIComponent(cal)}/events?${new URLSearchParams(q)}`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  const body = (await res.json()) as { items: unknown[]; nextPageToken?: string; nextSyncToken?: string };
  return { ms: performance.now() - t, body };
}

it('serves 100k events in pages of 2,500, with page cost independent of position', async () => {
  let total = 0;
  const times: number[] = [];
  const syncTokens: string[] = [];
  for (const cal of calendars) {
    let pageToken: string | undefined;
    do {
      const { ms, body } = await page(cal, {
        maxResults: '2500',
        singleEvents: 'true',
        showDeleted: 'true',
        ...(pageToken ? { pageToken } : {}),
      });
      times.push(ms);
      total += body.items.length;
      pageToken = body.nextPageToken;
      if (body.nextSyncToken) syncTokens.push(body.nextSyncToken);
    } while (pageToken);
  }
  expect(total).toBe(100_000);
  expect(times).toHaveLength(40);
  expect(Math.max(...times)).toBeLessThan(3_000);

  // 100 changes, then an incremental listing touches only them.
  const cal = calendars[0] as string;
  for (const e of fake.liveEvents(cal).slice(0, 100)) fake.patchEvent(cal, e.id as string, { summary: 'changed' });
  const inc = await page(cal, {
    maxResults: '2500',
    singleEvents: 'true',
    showDeleted: 'true',
    syncToken: syncTokens[0] as string,
  });
  expect(inc.body.items).toHaveLength(100);
  expect(inc.ms).toBeLessThan(1_000);
}, 120_000);
