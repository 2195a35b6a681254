import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SafeStorageVault } from '../../../src/main/electron/safe-storage-vault';
import { useTempDir } from '../../helpers/temp-dir';
import { resetFakeElectron, safeStorage } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

describe('safeStorage vault', () => {
  const tempDir = useTempDir('calsync-vault-');
  beforeEach(() => resetFakeElectron());
  const secret = '1//0refresh-token-that-must-never-be-on-disk';

  it('round-trips tokens as encrypted base64 blobs in a 0600 file', async () => {
    const file = path.join(tempDir(), 'tokens.safe-storage.json');
    const vault = new SafeStorageVault(file, 'linux');
    expect(vault).toMatchObject({ kind: 'safe-storage', protected: true, backend: 'gnome_libsecret' });
    await vault.set('google:123', secret);
    await vault.set('supabase:session', '{"access_token":"eyJ"}');
    expect(await vault.get('google:123')).toBe(secret);
    expect((await vault.keys()).sort()).toEqual(['google:123', 'supabase:session']);

    const onDisk = readFileSync(file, 'utf8');
    expect(onDisk).not.toContain(secret);
    expect(onDisk).not.toContain('refresh-token');
    const blob = (JSON.parse(onDisk) as Record<string, string>)['google:123']!;
    expect(safeStorage.decryptString(Buffer.from(blob, 'base64'))).toBe(secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    // A second instance (next start) reads what the first wrote.
    expect(await new SafeStorageVault(file, 'linux').get('supabase:session')).toBe('{"access_token":"eyJ"}');
    await vault.delete('google:123');
    expect(await vault.get('google:123')).toBeNull();
  });

  it('reports basic_text (Linux without a keyring) as unprotected, still working', async () => {
    safeStorage.backend = 'basic_text';
    const vault = new SafeStorageVault(path.join(tempDir(), 't.json'), 'linux');
    expect(vault).toMatchObject({ protected: false, backend: 'basic_text' });
    await vault.set('k', 'v');
    expect(await vault.get('k')).toBe('v');
    expect(new SafeStorageVault(path.join(tempDir(), 't.json'), 'darwin').protected).toBe(true); // macOS: the Keychain, no backend choice
  });

  it('says so when the OS offers no encryption at all, and never writes plaintext then', async () => {
    safeStorage.available = false;
    const file = path.join(tempDir(), 't.json');
    const vault = new SafeStorageVault(file, 'win32');
    expect(vault.protected).toBe(false);
    await expect(vault.set('k', secret)).rejects.toThrow(/not available/);
    expect(() => readFileSync(file)).toThrow();
    expect(await vault.keys()).toEqual([]);
  });
});
