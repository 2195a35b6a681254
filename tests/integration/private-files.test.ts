// The data dir is the user's alone whatever the umask: the dir 0700, the
// cache (with -wal/-shm), log, config and token files 0600; looser modes found
// at start are tightened and said once, in the log and in `status`.
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../helpers/world';

const mode = (file: string) => statSync(file).mode & 0o777;

let world: World;
let dataDir: string;
let umaskBefore: number;

beforeEach(async () => {
  // The usual umask: without care, files come out 0644 and dirs 0755.
  umaskBefore = process.umask(0o022);
  world = await startWorld();
  // A data dir calsync has to create itself (the world's own temp dir is already 0700).
  dataDir = path.join(world.home, 'data');
  world.env.CALSYNC_HOME = dataDir;
});
afterEach(async () => {
  await world.close();
  process.umask(umaskBefore);
});

const files = () => ({
  cache: path.join(dataDir, 'calsync.db'),
  config: path.join(dataDir, 'config.json'),
  tokens: path.join(dataDir, 'tokens.json'),
  log: path.join(dataDir, 'logs', 'calsync.log'),
});

describe('private files', () => {
  it('under umask 022 the data dir is 0700 and the cache, -wal, -shm, log, config and token files 0600', async () => {
    const app = world.app();
    await world.login(app); // tokens.json (CALSYNC_TOKEN_STORE=file)
    expect((await app.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
    const f = files();
    // While the cache is open its WAL and shared-memory files exist.
    const wal = `${f.cache}-wal`;
    const shm = `${f.cache}-shm`;
    expect(existsSync(wal) && existsSync(shm)).toBe(true);
    expect({ wal: mode(wal), shm: mode(shm) }).toEqual({ wal: 0o600, shm: 0o600 });
    await app.close();

    // The CLI (a child with the same umask) writes the log and config.json.
    expect((await world.cli(['config', 'set', 'timeZone', 'UTC'])).code).toBe(0);
    expect((await world.cli(['sync'])).code).toBe(0);
    expect({
      dir: mode(dataDir),
      logs: mode(path.dirname(f.log)),
      cache: mode(f.cache),
      config: mode(f.config),
      tokens: mode(f.tokens),
      log: mode(f.log),
    }).toEqual({ dir: 0o700, logs: 0o700, cache: 0o600, config: 0o600, tokens: 0o600, log: 0o600 });
    // Nothing was loose, so nothing is reported.
    const status = JSON.parse((await world.cli(['status', '--json'])).stdout) as { problems: string[] };
    expect(status.problems.filter((p) => p.includes('made it private'))).toEqual([]);
  });

  it('looser modes found at start are tightened, and said once in the log and in status', async () => {
    const app = world.app();
    await world.login(app);
    await app.close();
    expect((await world.cli(['config', 'set', 'timeZone', 'UTC'])).code).toBe(0);
    const f = files();
    // Someone (a backup restore, a careless chmod) opened everything up.
    chmodSync(dataDir, 0o755);
    for (const file of Object.values(f)) chmodSync(file, 0o644);

    const first = await world.cli(['status', '--json']);
    expect(first.code).toBe(0);
    const notes = (JSON.parse(first.stdout) as { problems: string[] }).problems.filter((p) =>
      p.includes('made it private'),
    );
    const named = [dataDir, ...Object.values(f)];
    expect(notes.map((n) => named.find((file) => n.startsWith(`${file} `))).sort()).toEqual([...named].sort());
    for (const n of notes) expect(n).toMatch(/mode 0(755|644)\).*\(0(700|600)\)$/);
    expect({
      dir: mode(dataDir),
      ...Object.fromEntries(Object.entries(f).map(([k, file]) => [k, mode(file)])),
    }).toEqual({
      dir: 0o700,
      cache: 0o600,
      config: 0o600,
      tokens: 0o600,
      log: 0o600,
    });
    const log = readFileSync(f.log, 'utf8');
    for (const file of named) expect(log).toContain(`${file} was readable by others`);

    // Said once: the next start finds nothing to tighten.
    const second = JSON.parse((await world.cli(['status', '--json'])).stdout) as {
      problems: string[];
      tokenStore: { warning: string | null };
    };
    expect(second.problems.filter((p) => p.includes('made it private'))).toEqual([]);
    expect(second.tokenStore.warning).toContain('(mode 0600)');
    expect(mode(f.tokens)).toBe(0o600);
  });
});
