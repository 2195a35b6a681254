// The Postgres backends a suite runs against: PGlite always, the system
// PostgreSQL when TEST_DATABASE_URL is set (CI sets it). Use with describe.each.
export interface ShimBackend {
  name: 'pglite' | 'postgres';
  databaseUrl: string | undefined;
  /** false only for the system PostgreSQL when TEST_DATABASE_URL is unset */
  available: boolean;
}

export function shimBackends(env: NodeJS.ProcessEnv = process.env): ShimBackend[] {
  const url = env.TEST_DATABASE_URL?.trim() || undefined;
  return [
    { name: 'pglite', databaseUrl: undefined, available: true },
    { name: 'postgres', databaseUrl: url, available: url !== undefined },
  ];
}
