// The small part of Supabase that calsync's migrations rely on, then the
// migrations themselves, in file-name order, each in its own transaction (as
// `supabase db push` applies them).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ShimDatabase } from './database';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../supabase/migrations');

// Cluster-wide. Safe to run twice, and from two processes at once (the
// system-Postgres backend also holds an advisory lock around it).
export const SUPABASE_ROLES_SQL = ['anon', 'authenticated', 'service_role']
  .map(
    (role) => `do $$ begin
  create role ${role} nologin noinherit${role === 'service_role' ? ' bypassrls' : ''};
exception when duplicate_object or unique_violation then null;
end $$;`,
  )
  .join('\n');

// Per database: Supabase's auth schema (as far as policies see it) and the
// default privileges that make every new object in `public` reachable by the
// API roles — which is why calsync's migrations must revoke what they don't want.
export const SUPABASE_DATABASE_SQL = `
create schema if not exists auth;
create table if not exists auth.users (
  id uuid primary key default gen_random_uuid(),
  aud varchar(255) default 'authenticated',
  role varchar(255) default 'authenticated',
  email varchar(255) unique,
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb default '{"provider":"email","providers":["email"]}'::jsonb,
  raw_user_meta_data jsonb default '{}'::jsonb,
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);

create or replace function auth.uid() returns uuid language sql stable as $fn$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$fn$;

create or replace function auth.role() returns text language sql stable as $fn$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$fn$;

create or replace function auth.jwt() returns jsonb language sql stable as $fn$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$fn$;

grant usage on schema auth to anon, authenticated, service_role;
grant execute on all functions in schema auth to anon, authenticated, service_role;
grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
`;

export async function migrationFiles(): Promise<string[]> {
  const names = (await fs.readdir(MIGRATIONS_DIR)).filter((n) => n.endsWith('.sql')).sort();
  return names.map((n) => path.join(MIGRATIONS_DIR, n));
}

export async function bootstrapDatabase(db: ShimDatabase): Promise<void> {
  if (db.kind === 'pglite') await db.exec(SUPABASE_ROLES_SQL);
  await db.exec(SUPABASE_DATABASE_SQL);
  for (const file of await migrationFiles()) {
    const sql = await fs.readFile(file, 'utf8');
    try {
      await db.transaction((tx) => tx.exec(sql));
    } catch (e) {
      throw new Error(`migration ${path.basename(file)} failed: ${(e as Error).message}`);
    }
  }
}
