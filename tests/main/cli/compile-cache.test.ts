import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import nodeModule from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { compileCacheDir, wantsCompileCache } from '../../../src/main/cli/compile-cache';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = path.join(root, 'out/cli/calsync.mjs'); // built by tests/global-setup.ts

describe('compileCacheDir', () => {
  it('is the user’s own cache directory on each platform', () => {
    expect(compileCacheDir({}, 'linux', '/home/ann')).toBe('/home/ann/.cache/calsync/v8');
    expect(compileCacheDir({ XDG_CACHE_HOME: '/var/cache/ann' }, 'linux', '/home/ann')).toBe(
      '/var/cache/ann/calsync/v8',
    );
    // The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
    expect(compileCacheDir({ XDG_CACHE_HOME: 'cache' }, 'linux', '/home/ann')).toBe('/home/ann/.cache/calsync/v8');
    expect(compileCacheDir({}, 'darwin', '/Users/ann')).toBe('/Users/ann/Library/Caches/calsync/v8');
    expect(compileCacheDir({ LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' }, 'win32', 'C:\\Users\\ann')).toBe(
      'C:\\Users\\ann\\AppData\\Local\\calsync\\Cache\\v8',
    );
    expect(compileCacheDir({}, 'win32', 'C:\\Users\\ann')).toBe('C:\\Users\\ann\\AppData\\Local\\calsync\\Cache\\v8');
  });
});

describe('wantsCompileCache', () => {
  it('is every command but the demo, which leaves nothing in the home directory', () => {
    expect(wantsCompileCache(['status'])).toBe(true);
    expect(wantsCompileCache(['sync', '--json'])).toBe(true);
    expect(wantsCompileCache([])).toBe(true);
    expect(wantsCompileCache(['demo'])).toBe(false);
    expect(wantsCompileCache(['--json', 'demo', '--port', '0'])).toBe(false);
  });
});

const hasCompileCache = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';

describe.skipIf(!hasCompileCache)('the CLI', () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(path.join(os.tmpdir(), 'calsync-ccache-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  const run = (env: NodeJS.ProcessEnv) => {
    const r = spawnSync(process.execPath, [cli, 'status', '--json'], {
      env: { PATH: process.env.PATH, HOME: tmp(), CALSYNC_HOME: tmp(), CALSYNC_TOKEN_STORE: 'file', ...env },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    return r;
  };

  it('keeps its compiled code in a private cache directory of the user, and reads it back on the next run', () => {
    const cache = tmp();
    run({ XDG_CACHE_HOME: cache });
    const dir = path.join(cache, 'calsync', 'v8');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    // The CLI's body, its chunks and bundled libraries: many modules, not only the entry.
    expect(entries.length).toBeGreaterThan(5);
    const second = run({ XDG_CACHE_HOME: cache, NODE_DEBUG_NATIVE: 'COMPILE_CACHE' });
    expect(second.stderr).toMatch(/cache for .*cli-start-[^ ]*\.mjs was accepted/);
  });

  it('leaves the cache off when Node is told so', () => {
    const cache = tmp();
    run({ XDG_CACHE_HOME: cache, NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(readdirSync(cache)).toEqual([]);
  });
});
