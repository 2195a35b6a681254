// Resolves the whole configuration once: environment first, then config.json,
// then built-in defaults (DESIGN.md §7).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfigFile, type LoadedConfig } from './config-file';
import { dataPaths, defaultDataDir, type DataPaths } from './paths';
import { parseTuning, type Tuning } from './tuning';

export interface GoogleConfig {
  clientId: string | null;
  clientSecret: string | null;
  /** Set for a client whose refresh tokens Google limits (an unverified "Testing" app: 7). */
  refreshTokenLifetimeDays: number | null;
  apiUrl: string;
  authUrl: string;
  tokenUrl: string;
  revokeUrl: string;
}

export interface SupabaseConfig {
  url: string;
  anonKey: string;
  workspaceId: string;
}

export interface AppConfig {
  paths: DataPaths;
  google: GoogleConfig;
  supabase: SupabaseConfig | null;
  tokenStore: 'auto' | 'file';
  tuning: Tuning;
  file: LoadedConfig;
}

export function resolveConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const paths = dataPaths(path.resolve(env.CALSYNC_HOME || defaultDataDir()));
  const file = loadConfigFile(paths.config);
  const shipped = shippedGoogleClient();
  const g = file.connection.google ?? {};
  const s = file.connection.supabase ?? {};
  const supabaseUrl = env.CALSYNC_SUPABASE_URL || s.url;
  const anonKey = env.CALSYNC_SUPABASE_ANON_KEY || s.anonKey;
  const workspaceId = env.CALSYNC_WORKSPACE_ID || s.workspaceId;
  const tokenStore = env.CALSYNC_TOKEN_STORE || file.connection.tokenStore || 'auto';
  if (tokenStore !== 'auto' && tokenStore !== 'file')
    throw new Error(`CALSYNC_TOKEN_STORE must be "auto" or "file", not "${tokenStore}"`);
  return {
    paths,
    google: {
      clientId: env.CALSYNC_GOOGLE_CLIENT_ID || g.clientId || shipped?.clientId || null,
      clientSecret: env.CALSYNC_GOOGLE_CLIENT_SECRET || g.clientSecret || shipped?.clientSecret || null,
      refreshTokenLifetimeDays: g.refreshTokenLifetimeDays ?? null,
      apiUrl: withSlash(env.CALSYNC_GOOGLE_API_URL || 'https://www.googleapis.com/'),
      authUrl: env.CALSYNC_GOOGLE_AUTH_URL || 'https://accounts.google.com/o/oauth2/v2/auth',
      tokenUrl: env.CALSYNC_GOOGLE_TOKEN_URL || 'https://oauth2.googleapis.com/token',
      revokeUrl: env.CALSYNC_GOOGLE_REVOKE_URL || 'https://oauth2.googleapis.com/revoke',
    },
    supabase: supabaseUrl && anonKey && workspaceId ? { url: supabaseUrl, anonKey, workspaceId } : null,
    tokenStore,
    tuning: parseTuning(env.CALSYNC_TUNING),
    file,
  };
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/**
 * A release build may ship its Desktop OAuth client in resources/oauth-client.json
 * (written by the release pipeline, never committed). For an installed app the
 * "secret" of a desktop client is not confidential (RFC 8252 §8.5); PKCE protects the flow.
 */
function shippedGoogleClient(): { clientId: string; clientSecret: string } | null {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // From the sources (src/main/core/config) or from a bundle in out/<part>/.
  for (const candidate of [
    path.resolve(here, '../../../../resources/oauth-client.json'),
    path.resolve(here, '../../resources/oauth-client.json'),
  ]) {
    if (!existsSync(candidate)) continue;
    const v = JSON.parse(readFileSync(candidate, 'utf8')) as { clientId?: unknown; clientSecret?: unknown };
    if (typeof v.clientId === 'string' && typeof v.clientSecret === 'string')
      return { clientId: v.clientId, clientSecret: v.clientSecret };
  }
  return null;
}
