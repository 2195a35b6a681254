// V8's compile cache for the CLI's own modules: a command compiles ~1 MB of
// bundled JavaScript before it does anything, 50-70 ms of every `calsync
// status`; with the cache, a later run reads the compiled code back instead.
// The cache holds code that will run, so it lives in the user's own cache
// directory (0700), never in a shared temporary directory another account
// could write to.
import { mkdirSync } from 'node:fs';
import nodeModule from 'node:module';
import os from 'node:os';
import path from 'node:path';

type EnableCompileCache = (dir?: string) => { status: number; message?: string; directory?: string };

/** Where this user's caches belong on each platform. */
export function compileCacheDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (platform === 'win32')
    return path.win32.join(env.LOCALAPPDATA || path.win32.join(home, 'AppData', 'Local'), 'calsync', 'Cache', 'v8');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Caches', 'calsync', 'v8');
  const xdg = env.XDG_CACHE_HOME;
  // The XDG spec ignores a relative XDG_CACHE_HOME.
  return path.posix.join(xdg && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, '.cache'), 'calsync', 'v8');
}

/**
 * Every command but `calsync demo`, which promises to leave nothing behind
 * in the user's home (it runs in a temporary data dir that it removes).
 */
export function wantsCompileCache(args: readonly string[]): boolean {
  return args.find((a) => !a.startsWith('-')) !== 'demo';
}

/**
 * Turns the cache on for modules loaded from here on (Node ≥ 22.1; a no-op
 * before). NODE_COMPILE_CACHE names another directory and
 * NODE_DISABLE_COMPILE_CACHE turns it off, as for any Node program.
 */
export function enableCompileCache(env: NodeJS.ProcessEnv = process.env): string | null {
  const enable = (nodeModule as { enableCompileCache?: EnableCompileCache }).enableCompileCache;
  if (typeof enable !== 'function' || env.NODE_DISABLE_COMPILE_CACHE) return null;
  if (env.NODE_COMPILE_CACHE) return enable().directory ?? null;
  const dir = compileCacheDir(env);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch {
    // A read-only or missing home: the command runs as well without the cache, only slower.
    return null;
  }
  return enable(dir).directory ?? null;
}
