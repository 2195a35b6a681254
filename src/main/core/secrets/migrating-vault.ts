// Moves tokens from older stores into the chosen one before first use, so
// switching stores (file → keychain when one appears, or back on request)
// never loses a token: each value is written and read back before the old
// copy is deleted.
import type { Logger } from '../log/logger';
import type { TokenVault } from './token-vault';

export class MigratingTokenVault implements TokenVault {
  private ready: Promise<void> | null = null;

  constructor(
    private readonly target: TokenVault,
    private readonly sources: TokenVault[],
    private readonly log: Logger,
  ) {}

  get kind() {
    return this.target.kind;
  }

  get protected() {
    return this.target.protected;
  }

  async get(key: string) {
    await this.migrate();
    return this.target.get(key);
  }

  async set(key: string, value: string) {
    await this.migrate();
    return this.target.set(key, value);
  }

  async delete(key: string) {
    await this.migrate();
    await this.target.delete(key);
  }

  async keys() {
    await this.migrate();
    return this.target.keys();
  }

  migrate(): Promise<void> {
    this.ready ??= this.move();
    return this.ready;
  }

  private async move(): Promise<void> {
    for (const source of this.sources) {
      let keys: string[];
      try {
        keys = await source.keys();
      } catch (e) {
        this.log.warn(
          { err: e, from: source.kind },
          'could not list tokens of the previous store; they stay where they are',
        );
        continue;
      }
      for (const key of keys) {
        const value = await source.get(key);
        if (value === null) continue;
        // A token already in the target is newer (written since the switch): keep it.
        if ((await this.target.get(key)) === null) {
          await this.target.set(key, value);
          if ((await this.target.get(key)) !== value)
            throw new Error(
              `moving ${key} to the ${this.target.kind} store did not read back; the ${source.kind} copy is kept`,
            );
        }
        await source.delete(key);
        this.log.info(
          { key: key.split(':')[0], from: source.kind, to: this.target.kind },
          'moved a token to the new store',
        );
      }
    }
  }
}
