// A private copy of the `calsync` bundle for benches and the chaos run, built
// with the options of scripts/build.mjs (scripts/cli-build-options.mjs): another
// engineer's rebuild of out/cli cannot swap the file under a running
// measurement. It lives inside the checkout so node_modules (better-sqlite3 is
// external) resolves.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliBuildOptions } from '../scripts/cli-build-options.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function buildCliBundle(name: string): Promise<{ cli: string; remove(): void }> {
  const dir = path.join(repoRoot, 'out', `${name}-${process.pid}`);
  await build(cliBuildOptions(path.join(repoRoot, 'src/main/cli/main.ts'), dir));
  return { cli: path.join(dir, 'calsync.mjs'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
