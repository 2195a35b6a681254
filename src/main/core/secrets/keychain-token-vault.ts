// Tokens in the OS keychain (macOS Keychain, Windows Credential Manager, the
// Secret Service on Linux) through @napi-rs/keyring. On Linux the entry is
// pinned to the Secret Service: the kernel keyring it would otherwise fall
// back to forgets everything at logout.
import { AsyncEntry, Entry, findCredentialsAsync, type EntryOptions } from '@napi-rs/keyring';
import type { TokenVault } from './token-vault';

const OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };
const PROBE = '__calsync_probe__';

export class KeychainTokenVault implements TokenVault {
  readonly kind = 'keychain' as const;
  readonly protected = true;

  private constructor(private readonly service: string) {}

  /** The vault, or the reason the keychain cannot be used by this process. */
  static open(service: string): KeychainTokenVault | { unavailable: string } {
    try {
      const probe = new Entry(service, PROBE, OPTIONS);
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
