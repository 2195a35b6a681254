// A private copy of the `calsync` bundle for benches and the chaos run, built
// with the options of scripts/build.mjs: another engineer's rebuild of
// out/cli cannot swap the file under a running measurement. It lives inside
// the checkout so node_modules (better-sqlite3 is external) resolves.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zodEnglishOnly } from '../scripts/zod-english-only.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function buildCliBundle(name: string): Promise<{ cli: string; remove(): void }> {
  const dir = path.join(repoRoot, 'out', `${name}-${process.pid}`);
  await build({
    bundle: true,
    platform: 'node',
    target: 'node20',
    external: ['better-sqlite3', 'electron', '@napi-rs/keyring'],
    logLevel: 'warning',
    entryPoints: { calsync: path.join(repoRoot, 'src/main/cli/main.ts') },
    outdir: dir,
    format: 'esm',
    splitting: true,
    plugins: [zodEnglishOnly],
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return { cli: path.join(dir, 'calsync.mjs'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
