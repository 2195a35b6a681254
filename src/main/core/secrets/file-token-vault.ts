// The stated fallback store: one JSON file, mode 0600, written atomically.
// It is plaintext at rest, which `status` and the UI say out loud.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { TokenVault } from './token-vault';

export class FileTokenVault implements TokenVault {
  readonly kind = 'file' as const;
  readonly protected = false;
  // Serialise writes so two concurrent set() calls cannot lose each other's key.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly file: string) {}

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
      await fs.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
      const tmp = `${this.file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, JSON.stringify(all), { mode: 0o600 });
      await fs.chmod(tmp, 0o600);
      await fs.rename(tmp, this.file);
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
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new Error(`token file ${this.file} is not a JSON object`);
    }
    return parsed as Record<string, string>;
  }
}
