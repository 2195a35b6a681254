// Tokens in the OS keychain (macOS Keychain, Windows Credential Manager, the
// Secret Service on Linux) through @napi-rs/keyring. On Linux the entry is
// pinned to the Secret Service: the kernel keyring it would otherwise fall
// back to forgets everything at logout.
import { AsyncEntry, Entry, findCredentials, findCredentialsAsync, type EntryOptions } from '@napi-rs/keyring';
import type { TokenVault } from './token-vault';

const OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };
const PROBE = '__calsync_probe__';

/** The synchronous keychain calls open() makes; tests hand in a recording fake. */
export interface ProbeKeyring {
  /** Accounts stored under the service. */
  find(service: string): string[];
  entry(service: string, account: string): Pick<Entry, 'setPassword' | 'getPassword' | 'deletePassword'>;
}

const realKeyring: ProbeKeyring = {
  find: (service) => findCredentials(service).map((c) => c.account),
  entry: (service, account) => new Entry(service, account, OPTIONS),
};

export class KeychainTokenVault implements TokenVault {
  readonly kind = 'keychain' as const;
  readonly protected = true;

  private constructor(private readonly service: string) {}

  /**
   * The vault, or the reason the keychain cannot be used by this process.
   * Tokens already stored under this service prove the keychain keeps and
   * returns them, so then one read is the whole check. Only a keychain with
   * none of ours yet (before the first sign-in) is tried with a write, a read
   * back and a delete: three round trips and a keyring write to disk (16–29 ms
   * with gnome-keyring here) that every command used to pay.
   */
  static open(service: string, keyring: ProbeKeyring = realKeyring): KeychainTokenVault | { unavailable: string } {
    if (hasStoredTokens(keyring, service)) return new KeychainTokenVault(service);
    try {
      const probe = keyring.entry(service, PROBE);
      probe.setPassword('probe');
      if (probe.getPassword() !== 'probe') return { unavailable: 'the keychain did not return what was stored' };
      probe.deletePassword();
      return new KeychainTokenVault(service);
    } catch (e) {
      return { unavailable: (e as Error).message };
    }
  }

  async get(key: string): Promise<string | null> {
    return (await this.entry(key).getPassword()) ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    await this.entry(key).setPassword(value);
  }

  async delete(key: string): Promise<void> {
    await this.entry(key).deletePassword();
  }

  async keys(): Promise<string[]> {
    const found = await findCredentialsAsync(this.service);
    return found.map((c) => c.account).filter((a) => a !== PROBE);
  }

  private entry(key: string): AsyncEntry {
    return new AsyncEntry(this.service, key, OPTIONS);
  }
}

function hasStoredTokens(keyring: ProbeKeyring, service: string): boolean {
  try {
    return keyring.find(service).some((account) => account !== PROBE);
  } catch {
    // A keychain that cannot search may still store: the write probe decides.
    return false;
  }
}
