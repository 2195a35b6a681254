// How the keychain vault decides it can be used: tokens already stored there
// are proof enough (one read); a keychain with none of ours is tried with a
// write, a read back and a delete. Against a recording keychain, so the test
// sees every call, including the writes a command should no longer make.
import { describe, expect, it } from 'vitest';
import { KeychainTokenVault, type ProbeKeyring } from '../../../../src/main/core/secrets/keychain-token-vault';

function recordingKeyring(
  opts: { accounts?: string[]; findFails?: boolean; echo?: (stored: string) => string | null; setFails?: string } = {},
) {
  const calls: string[] = [];
  const store = new Map<string, string>((opts.accounts ?? []).map((a) => [a, 'secret']));
  const keyring: ProbeKeyring = {
    find(service) {
      calls.push(`find ${service}`);
      if (opts.findFails) throw new Error('search is not supported');
      return [...store.keys()];
    },
    entry(service, account) {
      return {
        setPassword(value: string) {
          calls.push(`set ${account}`);
          if (opts.setFails) throw new Error(opts.setFails);
          store.set(account, value);
        },
        getPassword() {
          calls.push(`get ${account}`);
          const v = store.get(account);
          return v === undefined ? null : (opts.echo?.(v) ?? v);
        },
        deletePassword() {
          calls.push(`delete ${account}`);
          return store.delete(account);
        },
      };
    },
  };
  return { keyring, calls, store };
}

const PROBE = '__calsync_probe__';

describe('KeychainTokenVault.open', () => {
  it('with tokens already stored, reads once and writes nothing', () => {
    const k = recordingKeyring({ accounts: ['google:1', 'supabase:session'] });
    const v = KeychainTokenVault.open('calsync', k.keyring);
    expect(v).toBeInstanceOf(KeychainTokenVault);
    expect(k.calls).toEqual(['find calsync']);
  });

  it('with none of ours yet, writes, reads back and deletes a probe, and leaves nothing behind', () => {
    const k = recordingKeyring();
    expect(KeychainTokenVault.open('calsync@/tmp/x', k.keyring)).toBeInstanceOf(KeychainTokenVault);
    expect(k.calls).toEqual(['find calsync@/tmp/x', `set ${PROBE}`, `get ${PROBE}`, `delete ${PROBE}`]);
    expect([...k.store.keys()]).toEqual([]);
  });

  it('does not count a probe left by a crash as a stored token', () => {
    const k = recordingKeyring({ accounts: [PROBE] });
    expect(KeychainTokenVault.open('calsync', k.keyring)).toBeInstanceOf(KeychainTokenVault);
    expect(k.calls).toContain(`set ${PROBE}`);
  });

  it('falls back to the write probe when the keychain cannot search', () => {
    const k = recordingKeyring({ findFails: true });
    expect(KeychainTokenVault.open('calsync', k.keyring)).toBeInstanceOf(KeychainTokenVault);
    expect(k.calls.slice(1)).toEqual([`set ${PROBE}`, `get ${PROBE}`, `delete ${PROBE}`]);
  });

  it('is unavailable, with the keychain’s reason, when it cannot store', () => {
    const k = recordingKeyring({ setFails: 'Platform secure storage failure: no D-Bus session' });
    expect(KeychainTokenVault.open('calsync', k.keyring)).toEqual({
      unavailable: 'Platform secure storage failure: no D-Bus session',
    });
  });

  it('is unavailable when it returns something other than what was stored', () => {
    const k = recordingKeyring({ echo: () => 'garbled' });
    expect(KeychainTokenVault.open('calsync', k.keyring)).toEqual({
      unavailable: 'the keychain did not return what was stored',
    });
  });
});
