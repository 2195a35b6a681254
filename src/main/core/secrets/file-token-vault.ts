// The stated fallback store: one JSON file, mode 0600, written atomically.
// It is plaintext at rest, which `status` and the UI say out loud. A damaged
// file (bad disk, hand edit) is moved aside — kept, never deleted — and the
// store starts empty: the accounts in it need a new sign-in, nothing else is
// touched, and a new sign-in can be stored at once.
import { promises as fs } from 'node:fs';
import { writePrivateFileAtomic } from '../config/private-files';
import { damagedTokenFileName } from './damaged-token-file';
import type { TokenVault } from './token-vault';

export interface DamagedTokenFile {
  backup: string;
  reason: string;
}

export class FileTokenVault implements TokenVault {
  readonly kind = 'file' as const;
  readonly protected = false;
  // Serialise writes so two concurrent set() calls cannot lose each other's key.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly onDamaged?: (d: DamagedTokenFile) => void,
  ) {}

  async get(key: string): Promise<string | null> {
    return (await this.read())[key] ?? null;
  }

  set(key: string, value: string): Promise<void> {
    return this.update((all) => {
      all[key] = value;
    });
  }

  delete(key: string): Promise<void> {
    return this.update((all) => {
      delete all[key];
    });
  }

  async keys(): Promise<string[]> {
    return Object.keys(await this.read());
  }

  private update(change: (all: Record<string, string>) => void): Promise<void> {
    const next = this.queue.then(async () => {
      const all = await this.read();
      change(all);
      await writePrivateFileAtomic(this.file, JSON.stringify(all));
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async read(): Promise<Record<string, string>> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw e;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      return this.setAside(text, `not JSON: ${(e as Error).message}`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return this.setAside(text, 'not a JSON object');
    return parsed as Record<string, string>;
  }

  private async setAside(damaged: string, reason: string): Promise<Record<string, string>> {
    const backup = damagedTokenFileName(this.file, Date.now());
    try {
      // Another process may have set it aside and written a good file meanwhile: never move that one.
      if ((await fs.readFile(this.file, 'utf8')) !== damaged) return this.read();
      await fs.rename(this.file, backup);
    } catch (e) {
      // Another process moved it first: what is there now (nothing, or its fresh file) is current.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw e;
    }
    this.onDamaged?.({ backup, reason });
    return {};
  }
}
