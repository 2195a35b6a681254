// Where the built renderer is: next to the CLI bundle (out/cli → out/renderer)
// or, from the sources, the checkout's out/renderer. CALSYNC_RENDERER_DIR wins.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function findRendererDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    env.CALSYNC_RENDERER_DIR,
    path.resolve(here, '../renderer'),
    path.resolve(here, '../../../out/renderer'),
  ];
  for (const dir of candidates) if (dir && existsSync(path.join(dir, 'index.html'))) return path.resolve(dir);
  return null;
}

/**
 * The renderer's directory for a long-running server: looked for again on
 * each request until found, so `npm run build` after `calsync serve` started
 * shows the window on reload. Once found it is kept: a rebuild rewrites the
 * same directory.
 */
export function rendererDirLookup(find: () => string | null = findRendererDir): () => string | null {
  let found: string | null = null;
  return () => (found ??= find());
}
