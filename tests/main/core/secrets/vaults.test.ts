import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../../src/main/core/config/app-config';
import { silentLogger } from '../../../../src/main/core/log/logger';
import { FileTokenVault } from '../../../../src/main/core/secrets/file-token-vault';
import { keychainService, selectVault } from '../../../../src/main/core/secrets/select-vault';
import { MemoryTokenVault } from '../../../../src/main/core/secrets/token-vault';
import { secretServiceAvailable, startSecretService, type SecretService } from '../../../helpers/secret-service';
import { useTempDir } from '../../../helpers/temp-dir';
import { startWorld, type World } from '../../../helpers/world';

const tmp = useTempDir();

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(path.join(dir, d.name)) : d.isFile() ? [path.join(dir, d.name)] : [],
  );
}

describe('file vault (the stated fallback)', () => {
  it('keeps secrets in a 0600 file, written atomically, without losing concurrent keys', async () => {
    const file = path.join(tmp(), 'tokens.json');
    const v = new FileTokenVault(file);
    await Promise.all(Array.from({ length: 20 }, (_, i) => v.set(`k${i}`, `v${i}`)));
    expect((await v.keys()).sort()).toHaveLength(20);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await v.delete('k3');
    expect(await v.get('k3')).toBeNull();
  });
});

describe.runIf(secretServiceAvailable())('OS keychain vault (a private Secret Service)', () => {
  let service: SecretService;
  let savedBus: string | undefined;
  let world: World;

  beforeAll(async () => {
    service = await startSecretService();
    savedBus = process.env.DBUS_SESSION_BUS_ADDRESS;
    process.env.DBUS_SESSION_BUS_ADDRESS = service.address;
  });
  afterAll(() => {
    process.env.DBUS_SESSION_BUS_ADDRESS = savedBus;
    service.stop();
  });
  afterEach(() => world?.close());

  it('auto mode keeps tokens in the keychain: no plaintext token in any file, data dir or keyring', async () => {
    world = await startWorld();
    world.env.CALSYNC_TOKEN_STORE = 'auto';
    world.env.DBUS_SESSION_BUS_ADDRESS = service.address;
    const app = world.app();
    await world.login(app);
    expect((await app.api.status({})).tokenStore).toMatchObject({ kind: 'keychain', protected: true, warning: null });
    world.google.insertEvent(world.user.email, {
      summary: 'x',
      start: { dateTime: '2026-05-01T09:00:00Z' },
      end: { dateTime: '2026-05-01T10:00:00Z' },
    });
    expect((await app.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
    await app.close();

    expect(existsSync(path.join(world.home, 'tokens.json'))).toBe(false);
    const secrets = world.google.issuedTokens();
    const files = [...walk(world.home), ...walk(service.home)];
    expect(files.some((f) => f.endsWith('.keyring'))).toBe(true);
    for (const file of files) {
      const bytes = readFileSync(file).toString('latin1');
      for (const s of secrets) expect(bytes.includes(s), `${s.slice(0, 6)}… in ${file}`).toBe(false);
    }
  });

  it('moves tokens from the file store into the keychain without losing one', async () => {
    world = await startWorld(); // CALSYNC_TOKEN_STORE=file
    const first = world.app();
    await world.login(first);
    await first.close();
    const tokenFile = path.join(world.home, 'tokens.json');
    expect(Object.keys(JSON.parse(readFileSync(tokenFile, 'utf8')))).toEqual([`google:${world.user.sub}`]);

    world.env.CALSYNC_TOKEN_STORE = 'auto';
    const app = world.app();
    world.google.insertEvent(world.user.email, {
      summary: 'x',
      start: { dateTime: '2026-05-01T09:00:00Z' },
      end: { dateTime: '2026-05-01T10:00:00Z' },
    });
    expect((await app.sync.request({ trigger: 'cli' })).status).toBe('succeeded');
    expect(JSON.parse(readFileSync(tokenFile, 'utf8'))).toEqual({});
    const config = resolveConfig(world.env);
    const keychain = selectVault(config, silentLogger).vault;
    expect(await keychain.keys()).toContain(`google:${world.user.sub}`);
    expect(keychainService(config.paths.dir)).toBe(`calsync@${config.paths.dir}`);
  });

  it('prefers the shared keychain over a shell vault, and drains the shell vault into it', async () => {
    const dir = tmp();
    const shell = new MemoryTokenVault();
    await shell.set('google:abc', 'refresh-from-shell');
    const config = resolveConfig({ CALSYNC_HOME: dir });
    const { vault } = selectVault(config, silentLogger, shell);
    expect(vault.kind).toBe('keychain');
    expect(await vault.get('google:abc')).toBe('refresh-from-shell');
    expect(await shell.keys()).toEqual([]);
    await vault.delete('google:abc');
  });
});
