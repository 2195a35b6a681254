// Picks where tokens live (DESIGN.md §7, CALSYNC_TOKEN_STORE):
// - auto: the OS keychain, shared by the tray app, `calsync serve` and the CLI
//   so one sign-in serves them all; else the Electron shell's safeStorage vault
//   when it hands one in and the OS really encrypts it; else — stated out loud
//   in status and the UI — a 0600 file;
// - file: the 0600 file, on request.
// Tokens found in any other store are moved into the chosen one.
import { existsSync } from 'node:fs';
import type { AppConfig } from '../config/app-config';
import { defaultDataDir } from '../config/paths';
import type { Logger } from '../log/logger';
import { FileTokenVault } from './file-token-vault';
import { KeychainTokenVault } from './keychain-token-vault';
import { MigratingTokenVault } from './migrating-vault';
import type { TokenVault } from './token-vault';

export interface VaultChoice {
  vault: TokenVault;
  warning: string | null;
}

export function keychainService(dataDir: string): string {
  // One data dir, one set of entries: a second CALSYNC_HOME must not share tokens.
  return dataDir === defaultDataDir() ? 'calsync' : `calsync@${dataDir}`;
}

export function selectVault(config: AppConfig, log: Logger, provided?: TokenVault): VaultChoice {
  const file = new FileTokenVault(config.paths.tokens, (d) =>
    log.error(
      { backup: d.backup },
      `the token file was damaged (${d.reason}); it was moved aside and its accounts need a new sign-in (calsync login)`,
    ),
  );
  const keychain = KeychainTokenVault.open(keychainService(config.paths.dir));
  const keychainOk = !('unavailable' in keychain);
  const others = (target: TokenVault): TokenVault[] =>
    [
      keychainOk ? (keychain as KeychainTokenVault) : null,
      provided ?? null,
      existsSync(config.paths.tokens) ? file : null,
    ].filter((v): v is TokenVault => v !== null && v !== target);
  const choose = (target: TokenVault, warning: string | null): VaultChoice => {
    const sources = others(target);
    return { vault: sources.length ? new MigratingTokenVault(target, sources, log) : target, warning };
  };

  if (config.tokenStore === 'file') return choose(file, unprotected(config, 'as CALSYNC_TOKEN_STORE=file asks'));
  if (keychainOk) return choose(keychain as KeychainTokenVault, null);
  if (provided?.protected) return choose(provided, null);
  const why = (keychain as { unavailable: string }).unavailable;
  log.warn(`no OS keychain available (${why}); storing tokens in a 0600 file`);
  return choose(file, unprotected(config, `because no OS keychain is available (${why})`));
}

function unprotected(config: AppConfig, why: string): string {
  return `tokens are stored unencrypted in ${config.paths.tokens} (mode 0600) ${why}`;
}
