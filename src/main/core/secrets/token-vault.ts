// Where OAuth tokens and the Supabase session live. Every implementation keeps
// secrets out of the SQLite cache and out of logs.

export type VaultKind = 'safe-storage' | 'keychain' | 'file' | 'memory';

export interface TokenVault {
  readonly kind: VaultKind;
  /** True when the OS encrypts the secret at rest (safeStorage, keychain). */
  readonly protected: boolean;
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

export const vaultKeys = {
  google: (accountId: string) => `google:${accountId}`,
  /** One Supabase session per project (see supabase/session-binding.ts): never sent to another. */
  supabaseSession: (projectKey: string) => `supabase:session@${projectKey}`,
  /** Before sessions were bound to their project: one for whatever was configured. Adopted once, then gone. */
  supabaseLegacySession: 'supabase:session',
} as const;

/** For tests and for a process that must not persist anything. */
export class MemoryTokenVault implements TokenVault {
  readonly kind = 'memory' as const;
  readonly protected = false;
  private readonly map = new Map<string, string>();
  async get(key: string) {
    return this.map.get(key) ?? null;
  }
  async set(key: string, value: string) {
    this.map.set(key, value);
  }
  async delete(key: string) {
    this.map.delete(key);
  }
  async keys() {
    return [...this.map.keys()];
  }
}
