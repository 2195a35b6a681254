// Its own file, so its own process: the keyring library keeps the first D-Bus
// connection (or failure) it made for the life of the process.
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../../src/main/core/config/app-config';
import { silentLogger } from '../../../../src/main/core/log/logger';
import { selectVault } from '../../../../src/main/core/secrets/select-vault';
import { useTempDir } from '../../../helpers/temp-dir';

const tmp = useTempDir();

describe('no keychain reachable', () => {
  it('falls back to the 0600 file and says so', () => {
    const dir = tmp();
    process.env.DBUS_SESSION_BUS_ADDRESS = `unix:path=${dir}/no-bus`;
    const choice = selectVault(resolveConfig({ CALSYNC_HOME: dir }), silentLogger);
    expect(choice.vault.kind).toBe('file');
    expect(choice.vault.protected).toBe(false);
    expect(choice.warning).toMatch(/unencrypted .*tokens\.json \(mode 0600\) because no OS keychain is available/);
  });
});
