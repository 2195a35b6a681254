// The Supabase commands where a secret or a dead session is involved, as
// subprocesses of the bundled CLI: a password typed on a terminal is never
// shown (run under a real pty, util-linux `script`), a plain-http project on
// another machine is refused, and a session the server has revoked is one
// sentence telling the user to sign in again, not a supabase-js stack trace.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { shimBackends, startSupabaseShim, type SupabaseShim } from '../fakes/supabase';
import { seedAccount } from '../helpers/seed';
import { startWorld, type World } from '../helpers/world';
import { newWorkspace, type Workspace } from '../helpers/workspace';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs the CLI on a pseudo-terminal; `answer` is typed once `prompt` has appeared. Resolves with everything the terminal showed. */
function onTerminal(
  world: World,
  args: string[],
  prompt: string,
  answer: string,
): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, path.join(repoRoot, 'out/cli/calsync.mjs'), ...args].map(sh).join(' ');
  return new Promise((resolve) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      cwd: repoRoot,
      env: world.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    let typed = false;
    const seen = (d: Buffer) => {
      screen += d.toString('utf8');
      if (!typed && screen.includes(prompt)) {
        typed = true;
        child.stdin.write(`${answer}\r`);
      }
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolve({ code, screen });
    });
  });
}

for (const backend of shimBackends()) {
  describe.skipIf(!backend.available)(`calsync supabase: secrets and dead sessions (${backend.name})`, () => {
    let shim: SupabaseShim;
    let world: World;
    let ws: Workspace;

    beforeAll(async () => {
      // Every access token is due for a refresh at once (supabase-js refreshes 90 s before expiry).
      shim = await startSupabaseShim({ databaseUrl: backend.databaseUrl, accessTokenTtlSeconds: 5 });
    }, 120_000);
    afterAll(() => shim?.close());
    beforeEach(async () => {
      world = await startWorld();
      seedAccount(world.google, world.user.email, { perCalendar: 2 });
      ws = await newWorkspace(shim);
    });
    afterEach(() => world.close());

    const connect = () =>
      world.cli(['supabase', 'connect', '--url', shim.url, '--anon-key', shim.anonKey, '--workspace', ws.wsId]);

    it('a password typed on a terminal is never shown, and signs in; piped, it still works', async () => {
      expect((await connect()).code).toBe(0);
      const r = await onTerminal(
        world,
        ['supabase', 'login', '--email', ws.email, '--password-stdin'],
        'Password: ',
        ws.password,
      );
      expect(r.code, r.screen).toBe(0);
      expect(r.screen).toContain('Password: ');
      expect(r.screen).toContain(`signed in: ${ws.email}`);
      expect(r.screen).not.toContain(ws.password);
      expect(r.screen).not.toContain(ws.password.slice(0, 8));

      expect((await world.cli(['supabase', 'logout'])).code).toBe(0);
      const piped = await world.cli(['supabase', 'login', '--email', ws.email, '--password-stdin', '--json'], {
        input: `${ws.password}\n`,
      });
      expect(piped.code, piped.stderr).toBe(0);
      expect(JSON.parse(piped.stdout)).toMatchObject({ user: { email: ws.email } });
    }, 180_000); // many processes and a PGlite project: slow on a shared CI machine

    it('plain http:// is refused for a project on another machine, from the command line and from the environment', async () => {
      for (const url of ['http://abcd.supabase.co', 'http://10.0.0.7:54321', 'http://[::2]:54321']) {
        const r = await world.cli([
          'supabase',
          'connect',
          '--url',
          url,
          '--anon-key',
          shim.anonKey,
          '--workspace',
          ws.wsId,
        ]);
        expect(r.code, url).toBe(2);
        expect(r.stderr.trim().split('\n')).toEqual([
          expect.stringMatching(/^calsync: The Supabase URL must start with https:\/\/ .*in the clear/),
        ]);
      }
      const configFile = path.join(world.home, 'config.json');
      expect(existsSync(configFile) ? JSON.parse(readFileSync(configFile, 'utf8')) : {}).not.toHaveProperty('supabase');

      const env = {
        CALSYNC_SUPABASE_URL: 'http://abcd.supabase.co',
        CALSYNC_SUPABASE_ANON_KEY: shim.anonKey,
        CALSYNC_WORKSPACE_ID: ws.wsId,
      };
      const push = await world.cli(['push', '--json'], { env });
      expect(push.code).toBe(1);
      expect(JSON.parse(push.stdout)).toMatchObject({
        pushed: 0,
        error: expect.stringMatching(/must start with https:\/\//),
      });

      // This machine may use http (`supabase start` listens on 127.0.0.1 / localhost).
      const local = shim.url.replace('127.0.0.1', 'localhost');
      const ok = await world.cli([
        'supabase',
        'connect',
        '--url',
        local,
        '--anon-key',
        shim.anonKey,
        '--workspace',
        ws.wsId,
        '--json',
      ]);
      expect(ok.code, ok.stderr).toBe(0);
      expect(JSON.parse(ok.stdout)).toMatchObject({ configured: true, url: local });
    }, 180_000); // many processes and a PGlite project: slow on a shared CI machine

    it('a session the server no longer refreshes is one line — sign in again — and exit 1, no stack trace', async () => {
      expect((await connect()).code).toBe(0);
      const login = await world.cli(['supabase', 'login', '--email', ws.email, '--password-stdin'], {
        input: `${ws.password}\n`,
      });
      expect(login.code, login.stderr).toBe(0);

      // "Sign out everywhere" from another device: the server revokes every session of the user.
      const res = await fetch(`${shim.url}/auth/v1/token?grant_type=password`, {
        method: 'POST',
        headers: { apikey: shim.anonKey, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: ws.email, password: ws.password }),
      });
      const { access_token } = (await res.json()) as { access_token: string };
      const out = await fetch(`${shim.url}/auth/v1/logout?scope=global`, {
        method: 'POST',
        headers: { apikey: shim.anonKey, Authorization: `Bearer ${access_token}` },
      });
      expect(out.status).toBe(204);

      // The first push learns it (the refresh is refused); the next finds no session left.
      const runs: Array<[string[], RegExp]> = [
        [
          ['push'],
          /^calsync: push incomplete: The Supabase session has ended and cannot be refreshed: sign in again: `calsync supabase login --email <you>`\.$/,
        ],
        [
          ['push', '--json'],
          /^calsync: push incomplete: Not signed in to Supabase: run `calsync supabase login --email <you>`/,
        ],
      ];
      for (const [args, line] of runs) {
        const r = await world.cli(args, { env: { CALSYNC_LOG_LEVEL: 'warn' } }); // what a user's terminal gets
        expect(r.code, r.stderr).toBe(1);
        expect(r.stderr.trim().split('\n'), r.stderr).toEqual([expect.stringMatching(line)]);
        expect(r.stderr + r.stdout).not.toMatch(/node_modules|\n\s+at |AuthApiError/);
      }
      // The dead session is gone: status says so plainly.
      const status = await world.cli(['supabase', 'status'], { env: { CALSYNC_LOG_LEVEL: 'warn' } });
      expect(status.code).toBe(0);
      expect(status.stderr).toBe('');
      expect(status.stdout).toMatch(/signed in: no — run `calsync supabase login/);
    }, 180_000); // many processes and a PGlite project: slow on a shared CI machine
  });
}
