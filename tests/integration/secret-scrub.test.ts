// A Google that echoes every credential it was sent in its error text (the
// calendar API the access token, the token endpoint the refresh token and the
// client secret) plus a Supabase JWT: none of it may reach stdout, stderr,
// the SQLite file, the log file or the workspace's run log, while the error
// itself (scrubbed) still does.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { shimBackends, type SupabaseShim } from '../fakes/supabase';
import type { EchoedRequest } from '../fakes/google';
import { startWorld, type World } from '../helpers/world';
import { connectApp, newWorkspace, startShim, type Workspace } from '../helpers/workspace';

const CREDENTIAL_KEYS = new Set([
  'access_token',
  'refresh_token',
  'provider_token',
  'provider_refresh_token',
  'id_token',
]);

/** Every credential in the file vault: the Google tokens and the Supabase session, by their names. */
function vaultSecrets(home: string): string[] {
  const all = JSON.parse(readFileSync(path.join(home, 'tokens.json'), 'utf8')) as Record<string, string>;
  const found: string[] = [];
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    for (const [k, inner] of Object.entries(v)) {
      if (typeof inner === 'string' && CREDENTIAL_KEYS.has(k)) found.push(inner);
      else walk(inner);
    }
  };
  for (const value of Object.values(all)) {
    try {
      walk(JSON.parse(value));
    } catch {
      // a plain string entry: not a session
    }
  }
  return found;
}

const echo = (req: EchoedRequest, extra: string) =>
  `you sent ${req.method} ${req.path} with ${String(req.headers.authorization ?? '')} and body ${req.body} ${extra}`;

for (const backend of shimBackends()) {
  describe.skipIf(!backend.available)(`secrets in error text (${backend.name})`, () => {
    let shim: SupabaseShim;
    let world: World;
    let ws: Workspace;

    beforeAll(async () => {
      shim = await startShim(backend);
    });
    afterAll(() => shim?.close());
    afterEach(async () => {
      await world.close();
    });

    it('a Google echoing every secret in its errors: zero hits in stdout, stderr, the cache file, the log and the workspace rows', async () => {
      world = await startWorld();
      ws = await newWorkspace(shim);
      const app = world.app();
      await world.login(app);
      await connectApp(app, ws);
      expect(await app.sync.request({ trigger: 'cli' })).toMatchObject({ status: 'succeeded' });
      await app.close();

      const session = vaultSecrets(world.home);
      expect(session.length).toBeGreaterThanOrEqual(4); // Google access + refresh, Supabase access + refresh
      const secrets = [...new Set([...session, world.google.clientSecret, ...world.google.issuedTokens()])];
      // Google never sees the Supabase session; its JWT stands for a token this process has not loaded yet (caught by its shape).
      const jwts = session.filter((t) => t.startsWith('eyJ'));
      expect(jwts.length).toBeGreaterThan(0);
      const sessionText = jwts.join(' ');

      // 1. The calendar API refuses with the bearer token (and the session) in its message.
      world.google.faults.inject({
        match: { path: 'calendarList' },
        action: {
          status: 400,
          body: (req: EchoedRequest) => ({
            error: {
              code: 400,
              message: echo(req, sessionText),
              errors: [{ reason: 'badRequest', domain: 'global', message: echo(req, '') }],
            },
          }),
        },
      });
      // --full: the calendar list is fetched only when due (sync/calendar-list-due.ts), and at once with --full.
      const calendarFailure = await world.cli(['sync', '--full', '--json']);
      expect(calendarFailure.code).toBe(1);
      expect(JSON.parse(calendarFailure.stdout)).toMatchObject({
        status: 'failed',
        error: expect.stringContaining('[redacted]'),
      });

      // 2. The token endpoint answers 400 with the refresh token and client secret it was sent.
      world.google.expireAccessTokens();
      world.google.faults.inject({
        match: { path: '/token' },
        times: Infinity,
        action: {
          status: 400,
          body: (req: EchoedRequest) => ({ error: 'invalid_grant', error_description: echo(req, sessionText) }),
        },
      });
      const tokenFailure = await world.cli(['sync', '--json']);
      expect(tokenFailure.code).toBe(1);
      const run = JSON.parse(tokenFailure.stdout) as { status: string; error: string };
      expect(run.status).toBe('failed');
      expect(run.error).toContain('invalid_grant');
      expect(run.error).toContain('[redacted]');

      const outputs = [calendarFailure, tokenFailure];
      for (const args of [
        ['status'],
        ['status', '--json'],
        ['runs'],
        ['runs', '--json'],
        ['accounts'],
        ['push', '--json'],
      ]) {
        outputs.push(await world.cli(args));
      }
      const accountsJson = await world.cli(['accounts', '--json']);
      outputs.push(accountsJson);
      const accounts = JSON.parse(accountsJson.stdout) as Array<{ status: string; statusReason: string | null }>;
      expect(accounts[0]).toMatchObject({ status: 'needs-login', statusReason: expect.stringContaining('[redacted]') });

      const logRows = await shim.query<Record<string, unknown>>(
        'select * from public.workspace_calendar_sync_log where ws_id = $1',
        [ws.wsId],
      );
      const workspaceText = JSON.stringify(logRows);
      // The failed runs did reach the workspace, scrubbed.
      expect(logRows.filter((r) => r.status === 'failed')).toHaveLength(2);
      expect(workspaceText).toContain('[redacted]');

      const dbFiles = ['calsync.db', 'calsync.db-wal']
        .map((f) => path.join(world.home, f))
        .filter((f) => existsSync(f));
      const places: Record<string, string> = {
        stdout: outputs.map((o) => o.stdout).join('\n'),
        stderr: outputs.map((o) => o.stderr).join('\n'),
        cache: dbFiles.map((f) => readFileSync(f).toString('latin1')).join('\n'),
        log: readFileSync(path.join(world.home, 'logs', 'calsync.log'), 'utf8'),
        workspace: workspaceText,
      };
      const hits = Object.entries(places).flatMap(([where, text]) =>
        secrets
          .filter((s) => text.includes(s) || text.includes(encodeURIComponent(s)))
          .map((s) => `${where}: ${s.slice(0, 8)}…`),
      );
      expect(hits).toEqual([]);
    }, 60_000);
  });
}
