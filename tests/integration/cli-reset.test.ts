// `calsync reset --all`: the decisions, checked against what is left on disk
// and what the fake Google was told. A refused or cancelled reset deletes and
// revokes nothing; a confirmed one revokes each account's refresh token at the
// server that issued it, and leaves no data dir and no autostart entry.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliOnTerminal } from '../helpers/terminal';
import { startWorld, type World } from '../helpers/world';

let world: World;
let xdg: string;
let autostart: string;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  world = await startWorld();
  world.google.addUser({ email: 'bob@example.test' });
  const app = world.app();
  await world.login(app);
  await world.login(app, { email: 'bob@example.test' });
  await app.close();
  xdg = mkdtempSync(path.join(os.tmpdir(), 'calsync-xdg-'));
  autostart = path.join(xdg, 'autostart', 'calsync.desktop');
  mkdirSync(path.dirname(autostart), { recursive: true });
  writeFileSync(autostart, '[Desktop Entry]\nType=Application\nName=calsync\nExec=calsync\n');
  env = { ...world.env, XDG_CONFIG_HOME: xdg, CALSYNC_LOG_LEVEL: 'warn' };
}, 60_000);
afterEach(async () => {
  rmSync(xdg, { recursive: true, force: true });
  await world.close();
});

const revokes = () => world.google.requests.filter((r) => r.path.endsWith('/revoke'));
const tokensFile = () => path.join(world.home, 'tokens.json');

/** The refresh tokens calsync holds for its Google accounts (the 0600 file: CALSYNC_TOKEN_STORE=file). */
function refreshTokensOnDisk(): string[] {
  const all = JSON.parse(readFileSync(tokensFile(), 'utf8')) as Record<string, string>;
  return Object.entries(all)
    .filter(([k]) => k.startsWith('google:'))
    .map(([, v]) => (JSON.parse(v) as { refresh_token: string }).refresh_token);
}

function expectUntouched(tokensBefore: string): void {
  expect(readFileSync(tokensFile(), 'utf8')).toBe(tokensBefore);
  expect(existsSync(path.join(world.home, 'calsync.db'))).toBe(true);
  expect(existsSync(autostart)).toBe(true);
  expect(revokes()).toEqual([]);
}

describe('calsync reset --all', () => {
  it('refuses without --yes when nobody can confirm, and deletes nothing', async () => {
    const before = readFileSync(tokensFile(), 'utf8');
    const r = await world.cli(['reset', '--all'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/add --yes/);
    expectUntouched(before);
    const accounts = await world.cli(['accounts', '--json'], { env });
    expect((JSON.parse(accounts.stdout) as Array<{ email: string }>).map((a) => a.email).sort()).toEqual([
      'ada@example.test',
      'bob@example.test',
    ]);
  });

  it('asks on a terminal; anything but "yes" cancels and deletes nothing', async () => {
    const before = readFileSync(tokensFile(), 'utf8');
    const r = await cliOnTerminal(['reset', '--all'], env, 'no\n');
    expect(r.code, r.output).toBe(2);
    expect(r.output).toMatch(/sign out ada@example\.test, bob@example\.test at Google/);
    expect(r.output).toMatch(/reset cancelled; nothing was deleted/);
    expectUntouched(before);
  });

  it('on "yes": revokes each refresh token at the issuing Google, deletes the data dir and the autostart entry', async () => {
    const refresh = refreshTokensOnDisk();
    expect(refresh).toHaveLength(2);
    const r = await cliOnTerminal(['reset', '--all'], env, 'yes\n');
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/signed out ada@example\.test \(access revoked at Google\)/);
    expect(r.output).toMatch(/signed out bob@example\.test/);
    // One revocation per account, each with that account's refresh token, each accepted by the server that issued it.
    expect(
      revokes()
        .map((q) => q.query.token)
        .sort(),
    ).toEqual([...refresh].sort());
    expect(revokes().map((q) => q.status)).toEqual([200, 200]);
    // The grants are dead at Google: a refresh with either token is refused.
    for (const token of refresh) {
      const res = await fetch(world.env.CALSYNC_GOOGLE_TOKEN_URL!, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: token,
          client_id: world.google.clientId,
          client_secret: world.google.clientSecret,
        }),
      });
      expect(res.status).toBe(400);
    }
    expect(existsSync(world.home)).toBe(false);
    expect(existsSync(autostart)).toBe(false);
  });

  it('--yes --json does it without asking and reports it as one JSON document', async () => {
    const r = await world.cli(['reset', '--all', '--yes', '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { accounts: Array<{ email: string }> };
    doc.accounts.sort((a, b) => a.email.localeCompare(b.email));
    expect(doc).toEqual({
      dataDir: world.home,
      accounts: [
        { email: 'ada@example.test', revoked: true, error: null },
        { email: 'bob@example.test', revoked: true, error: null },
      ],
      supabaseSignedOut: false,
      dataDirRemoved: true,
      autostartRemoved: process.platform === 'linux',
    });
    expect(revokes()).toHaveLength(2);
    expect(existsSync(world.home)).toBe(false);
  });
});
