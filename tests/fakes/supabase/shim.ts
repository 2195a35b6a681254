// The Supabase stand-in: real Postgres with the project's migrations, behind
// an HTTP front that speaks enough PostgREST and GoTrue for supabase-js to be
// used unchanged. `stop()` closes the listener (an outage), `start()` listens
// again on the same port, `close()` ends everything.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthStore } from './auth-store';
import { authRoute } from './auth-route';
import { bootstrapDatabase } from './bootstrap';
import type { ShimDatabase } from './database';
import { HttpError, header, readJson, sendJson, sendRaw } from './http-util';
import { JwtKeys } from './jwt';
import { toHttpError } from './pg-errors';
import { openPgliteDatabase } from './pglite-database';
import { openPostgresDatabase } from './postgres-database';
import { authenticateRest, type RequestAuth } from './request-auth';
import { callRpc } from './rpc-route';
import { SchemaCache } from './schema-cache';
import { tableRequest } from './table-route';

export interface SupabaseShimOptions {
  /** A system PostgreSQL to create a fresh database in; PGlite when absent. */
  databaseUrl?: string;
  port?: number;
  /** Lifetime of the access tokens handed out at sign-in (default 3600 s). */
  accessTokenTtlSeconds?: number;
  /** Rows one GET may return, as PostgREST's max-rows (default 1000, as on Supabase). */
  maxRows?: number;
}

export interface SupabaseShim {
  url: string;
  anonKey: string;
  serviceRoleKey: string;
  jwtSecret: string;
  backend: ShimDatabase['kind'];
  createUser(email: string, password: string): Promise<{ id: string }>;
  createWorkspace(name: string, memberUserIds: string[]): Promise<string>;
  lastOtp(email: string): string | undefined;
  /** As the database owner (no RLS), for assertions. */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

async function route(req: http.IncomingMessage, res: http.ServerResponse, ctx: Context): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname.startsWith('/auth/v1/')) {
    const out = await authRoute(req, url, ctx.auth, ctx.keys);
    const headers = { 'X-Supabase-Api-Version': '2024-01-01' };
    if (out.body === null) sendRaw(res, out.status, null, headers);
    else sendJson(res, out.status, out.body, headers);
    return;
  }
  const rest = /^\/rest\/v1\/(rpc\/)?([^/]+)$/.exec(url.pathname);
  if (!rest) throw new HttpError(404, { message: `no route ${url.pathname}` });
  let auth: RequestAuth | undefined;
  try {
    auth = await authenticateRest(req, ctx.keys);
    const profile = header(req, 'accept-profile') ?? header(req, 'content-profile');
    if (profile && profile !== 'public') {
      throw new HttpError(406, { code: 'PGRST106', message: 'The schema must be one of the following: public', details: null, hint: null });
    }
    const name = decodeURIComponent(rest[2] ?? '');
    if (rest[1]) {
      if (req.method !== 'POST') throw new HttpError(405, { code: 'PGRST101', message: 'Only POST is supported for RPC here', details: null, hint: null });
      const out = await callRpc(ctx.db, ctx.schema, auth, name, await readJson(req));
      sendRaw(res, out.status, out.body);
      return;
    }
    const out = await tableRequest(ctx.db, ctx.schema, auth, {
      maxRows: ctx.maxRows,
      method: req.method ?? 'GET',
      table: name,
      search: url.searchParams,
      body: req.method === 'POST' || req.method === 'PATCH' ? await readJson(req) : null,
      prefer: header(req, 'prefer') ?? '',
      accept: header(req, 'accept') ?? '',
    });
    sendRaw(res, out.status, out.body, out.headers);
  } catch (e) {
    throw toHttpError(e, auth?.role ?? 'anon');
  }
}

interface Context {
  maxRows: number;
  db: ShimDatabase;
  keys: JwtKeys;
  auth: AuthStore;
  schema: SchemaCache;
}

export async function startSupabaseShim(opts: SupabaseShimOptions = {}): Promise<SupabaseShim> {
  const db = opts.databaseUrl ? await openPostgresDatabase(opts.databaseUrl) : await openPgliteDatabase();
  try {
    await bootstrapDatabase(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  const keys = new JwtKeys();
  let url = '';
  const ctx: Context = {
    maxRows: opts.maxRows ?? 1000,
    db,
    keys,
    auth: new AuthStore(db, keys, () => `${url}/auth/v1`, opts.accessTokenTtlSeconds ?? 3600),
    schema: new SchemaCache(db),
  };
  const server = http.createServer((req, res) => {
    route(req, res, ctx).catch((e: unknown) => {
      const err = e instanceof HttpError ? e : toHttpError(e, 'anon');
      if (!res.headersSent) sendJson(res, err.status, err.body, err.headers);
      else res.destroy();
    });
  });
  // Never time idle keep-alive sockets out on the server side: PGlite runs on
  // this thread and can block the event loop for seconds, after which the
  // server's timer and the client's reuse of the socket race (ECONNRESET).
  // Clients close idle sockets themselves; stop() closes them all.
  server.keepAliveTimeout = 0;
  let port = opts.port ?? 0;
  let listening = false;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      if (listening) return resolve();
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        port = (server.address() as AddressInfo).port;
        listening = true;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!listening) return resolve();
      listening = false;
      server.close(() => resolve());
      // Keep-alive sockets would otherwise keep answering: an outage drops them too.
      server.closeAllConnections();
    });
  await start();
  url = `http://127.0.0.1:${port}`;

  return {
    url,
    anonKey: await keys.apiKey('anon'),
    serviceRoleKey: await keys.apiKey('service_role'),
    jwtSecret: keys.secret,
    backend: db.kind,
    createUser: (email, password) => ctx.auth.createUser(email, password),
    async createWorkspace(name, memberUserIds) {
      const [ws] = await db.query<{ id: string }>(`insert into public.workspaces (name) values ($1) returning id`, [name]);
      for (const userId of memberUserIds) {
        await db.query(`insert into public.workspace_members (ws_id, user_id) values ($1, $2)`, [ws!.id, userId]);
      }
      return ws!.id;
    },
    lastOtp: (email) => ctx.auth.lastOtp(email),
    query: (sql, params) => db.query(sql, params),
    stop,
    start,
    async close() {
      await stop();
      await db.close();
    },
  };
}
