export { apiKeyProjectRef, assertPublicApiKey } from './api-key';
export { currentUser, requestEmailOtp, signInWithPassword, signOut, verifyEmailOtp, type SupabaseUser } from './auth';
export { createSupabaseClient, type SupabaseClientOptions } from './client';
export { fromAuthError, fromPostgrestError, isRetryableSupabaseError, type SupabaseErrorDetails } from './errors';
export {
  UNKNOWN_VERSION,
  calendarKey,
  toSupabaseKey,
  toSupabaseRow,
  type EventProvider,
  type EventRowExtra,
  type SupabaseEventKey,
  type SupabaseEventRow,
} from './event-row';
export { syncLogEntryFromRun, type SyncLogEntry } from './sync-log-entry';
export { SUPABASE_STORAGE_KEY, sameProject, sessionVaultKey, supabaseProject, vaultAuthStorage, type SupabaseProject } from './vault-storage';
export { isLoopbackHost, parseProjectUrl } from './project-url';
export { settleStoredSession } from './settle-session';
export {
  MAX_ROWS_PER_CALL,
  WorkspaceRpc,
  deleteCountsSchema,
  upsertCountsSchema,
  type DeleteCounts,
  type UpsertCounts,
} from './workspace-rpc';
export { connectWorkspace, type WorkspaceConnection, type WorkspaceConnectionOptions } from './workspace-connection';
