// The bench's world, on loopback: the fake Google with one person per device
// (each sees some shared team calendars and their own primary), plus a "solo"
// person who sees every calendar — the one device doing all the work alone —
// and the Supabase shim on the system PostgreSQL with one workspace for the
// fleet and one for the solo device.
import { startFakeGoogle, type FakeGoogle } from '../../tests/fakes/google';
import { startSupabaseShim, type SupabaseShim } from '../../tests/fakes/supabase';
import { seededRandom } from '../../src/main/core/demo/sample-google/ids';
import { GoogleEdits } from './google-edits';

export interface Member {
  email: string;
  password: string;
}

export interface DevicesWorld {
  google: FakeGoogle;
  shim: SupabaseShim;
  edits: GoogleEdits;
  /** Calendars each fleet device sees (index = device). */
  views: string[][];
  /** Every calendar: what the solo device sees and the oracle compares. */
  calendars: string[];
  fleetWs: string;
  soloWs: string;
  /** One workspace member per device, and one for the solo device (last). */
  members: Member[];
  emailOf(device: number | 'solo'): string;
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export interface WorldOptions {
  devices: number;
  shared: number;
  /** Shared calendars each device sees. */
  sharedPerDevice: number;
  eventsPerCalendar: number;
  tuning: Record<string, number>;
  seed: number;
}

export async function startDevicesWorld(o: WorldOptions, databaseUrl: string | undefined): Promise<DevicesWorld> {
  const google = await startFakeGoogle({ seed: o.seed });
  const emailOf = (d: number | 'solo') => (d === 'solo' ? 'solo@example.test' : `device${d}@example.test`);
  const owner = 'team-owner@example.test';
  for (const email of [owner, emailOf('solo'), ...Array.from({ length: o.devices }, (_, i) => emailOf(i))])
    google.addUser({ email });

  const shared = Array.from({ length: o.shared }, (_, j) => google.addCalendar(owner, { summary: `Team ${j}` }));
  const views: string[][] = [];
  for (let d = 0; d < o.devices; d++) {
    // Overlapping windows of the shared calendars, so each is seen by several devices.
    const mine = Array.from({ length: Math.min(o.sharedPerDevice, o.shared) }, (_, k) => shared[(d + k) % o.shared]!);
    for (const cal of mine) google.addCalendar(emailOf(d), { id: cal, summary: `Team ${shared.indexOf(cal)}` });
    views.push([emailOf(d), ...mine]);
  }
  // What the fleet sees, all together: what the solo device sees and the oracle compares.
  const calendars = [...new Set(views.flat())];
  for (const cal of calendars)
    if (cal !== emailOf('solo')) google.addCalendar(emailOf('solo'), { id: cal, summary: `Seen ${cal}` });
  // The owner's and the solo person's own primaries stay empty and are not compared.

  const edits = new GoogleEdits(google, calendars, seededRandom(o.seed));
  for (const cal of calendars) edits.seed(cal, o.eventsPerCalendar);

  const shim = await startSupabaseShim({ databaseUrl });
  const members: Member[] = [];
  const ids: string[] = [];
  for (let d = 0; d <= o.devices; d++) {
    const m = { email: `member${d}@example.test`, password: `pw-member-${d}-${o.seed}` };
    ids.push((await shim.createUser(m.email, m.password)).id);
    members.push(m);
  }
  const fleetWs = await shim.createWorkspace('many devices', ids.slice(0, o.devices));
  const soloWs = await shim.createWorkspace('one device', [ids[o.devices]!]);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...google.env,
    CALSYNC_TOKEN_STORE: 'file',
    CALSYNC_TUNING: JSON.stringify(o.tuning),
    CALSYNC_LOG_LEVEL: 'warn',
  };
  return {
    google,
    shim,
    edits,
    views,
    calendars,
    fleetWs,
    soloWs,
    members,
    emailOf,
    env,
    close: async () => {
      await shim.close().catch(() => undefined);
      await google.close();
    },
  };
}
