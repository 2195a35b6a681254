// Picks where tokens live. The Electron shell hands in its safeStorage vault;
// headless processes use the file store, which is stated as unprotected.
import type { AppConfig } from '../config/app-config';
import { FileTokenVault } from './file-token-vault';
import type { TokenVault } from './token-vault';

export interface VaultChoice {
  vault: TokenVault;
  warning: string | null;
}

export function selectVault(config: AppConfig, provided?: TokenVault): VaultChoice {
  if (provided) return { vault: provided, warning: provided.protected ? null : unprotected(config) };
  return { vault: new FileTokenVault(config.paths.tokens), warning: unprotected(config) };
}

function unprotected(config: AppConfig): string {
  return `tokens are stored unencrypted in ${config.paths.tokens} (mode 0600)${config.tokenStore === 'file' ? ' as CALSYNC_TOKEN_STORE=file asks' : ' because no OS keychain is available to this process'}`;
}
