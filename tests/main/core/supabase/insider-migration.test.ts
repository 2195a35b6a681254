// The writer-role migration on a project that already holds sabotage: a pin
// planted at version `infinity` is moved to the epoch (the next real push
// replaces it), leases in force are dropped (they belonged to no known user),
// and old log rows stay, owned by no one.
import { promises as fs } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { SUPABASE_DATABASE_SQL, SUPABASE_ROLES_SQL, migrationFiles } from '../../../fakes/supabase/bootstrap';
import type { ShimDatabase } from '../../../fakes/supabase/database';
import { openPgliteDatabase } from '../../../fakes/supabase/pglite-database';
import { openPostgresDatabase } from '../../../fakes/supabase/postgres-database';
import { shimBackends } from '../../../fakes/supabase';

const FIRST_NEW = '20261204000000';

async function apply(db: ShimDatabase, files: string[]): Promise<void> {
  for (const file of files) {
    const sql = await fs.readFile(file, 'utf8');
    await db.transaction((tx) => tx.exec(sql));
  }
}

for (const backend of shimBackends()) {
  describe.skipIf(!backend.available)(`the writer-role migration on existing rows (${backend.name})`, () => {
    let db: ShimDatabase | undefined;
    afterEach(async () => {
      await db?.close();
    });

    it('repairs planted pins and endless leases, and keeps old log rows', async () => {
      db = backend.databaseUrl ? await openPostgresDatabase(backend.databaseUrl) : await openPgliteDatabase();
      if (db.kind === 'pglite') await db.exec(SUPABASE_ROLES_SQL);
      await db.exec(SUPABASE_DATABASE_SQL);
      const files = await migrationFiles();
      const base = (f: string) => f.slice(f.lastIndexOf('/') + 1);
      await apply(db, files.filter((f) => base(f) < FIRST_NEW));

      const [ws] = await db.query<{ id: string }>(`insert into public.workspaces (name) values ('old') returning id`);
      const wsId = ws!.id;
      await db.query(
        `insert into public.workspace_calendar_events (ws_id, external_calendar_id, external_event_id, external_updated_at, pushed_by_device)
         values ($1, 'c', 'pinned', 'infinity', 'x'), ($1, 'c', 'future', '9999-01-01', 'x'), ($1, 'c', 'normal', '2026-03-01T10:00:00Z', 'a')`,
        [wsId],
      );
      await db.query(`insert into public.calendar_sync_states (ws_id, calendar_key, lease_holder, lease_expires_at) values ($1, 'google:c', 'x', '9999-12-31')`, [wsId]);
      await db.query(
        `insert into public.workspace_calendar_sync_log (ws_id, device_id, run_id, trigger, kind, status, started_at) values ($1, 'a', '1', 'cli', 'full', 'succeeded', now())`,
        [wsId],
      );

      await apply(db, files.filter((f) => base(f) >= FIRST_NEW));

      const events = await db.query<{ external_event_id: string; v: string }>(
        `select external_event_id, to_json(external_updated_at) #>> '{}' as v from public.workspace_calendar_events where ws_id = $1 order by 1`,
        [wsId],
      );
      expect(events).toEqual([
        { external_event_id: 'future', v: '1970-01-01T00:00:00+00:00' },
        { external_event_id: 'normal', v: '2026-03-01T10:00:00+00:00' },
        { external_event_id: 'pinned', v: '1970-01-01T00:00:00+00:00' },
      ]);
      expect(await db.query(`select lease_holder, lease_user, lease_expires_at from public.calendar_sync_states where ws_id = $1`, [wsId])).toEqual([
        { lease_holder: null, lease_user: null, lease_expires_at: null },
      ]);
      expect(await db.query(`select device_id, user_id from public.workspace_calendar_sync_log where ws_id = $1`, [wsId])).toEqual([{ device_id: 'a', user_id: null }]);
    });
  });
}
