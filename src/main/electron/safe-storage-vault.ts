// Tokens encrypted by Electron's safeStorage (Keychain on macOS, DPAPI on
// Windows, the Secret Service or KWallet on Linux), as base64 blobs in a 0600
// file in the data dir. Created after `ready`: safeStorage has no key before.
// On Linux without a keyring Chromium falls back to "basic_text", a fixed key
// that protects nothing; the vault then reports protected: false, so the
// engine's selectVault says so in status instead of pretending.
import { safeStorage } from 'electron';
import { AppError } from '../../shared/errors';
import { FileTokenVault } from '../core/secrets/file-token-vault';
import type { TokenVault } from '../core/secrets/token-vault';

export const SAFE_STORAGE_FILE = 'tokens.safe-storage.json';

const LINUX_PROTECTED_BACKENDS = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

export class SafeStorageVault implements TokenVault {
  readonly kind = 'safe-storage' as const;
  readonly protected: boolean;
  /** What encrypts the blobs, for the log: "keychain/dpapi", or the Linux backend name. */
  readonly backend: string;
  private readonly available: boolean;
  private readonly blobs: FileTokenVault;

  constructor(file: string, platform: NodeJS.Platform = process.platform) {
    this.blobs = new FileTokenVault(file);
    this.available = safeStorage.isEncryptionAvailable();
    this.backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
    this.protected = this.available && (platform !== 'linux' || LINUX_PROTECTED_BACKENDS.has(this.backend));
  }

  async get(key: string): Promise<string | null> {
    const blob = await this.blobs.get(key);
    if (blob === null) return null;
    this.ensureAvailable();
    return safeStorage.decryptString(Buffer.from(blob, 'base64'));
  }

  async set(key: string, value: string): Promise<void> {
    this.ensureAvailable();
    await this.blobs.set(key, safeStorage.encryptString(value).toString('base64'));
  }

  delete(key: string): Promise<void> {
    return this.blobs.delete(key);
  }

  keys(): Promise<string[]> {
    return this.blobs.keys();
  }

  private ensureAvailable(): void {
    if (!this.available) throw new AppError('storage-error', 'safeStorage encryption is not available in this session');
  }
}
