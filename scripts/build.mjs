// Builds what runs outside a TypeScript dev loop: the CLI bundle (the
// installed `calsync` command) and the renderer (Vite, into out/renderer,
// served by `calsync serve` and loaded by the Electron shell).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { cjsExternals } from './cjs-externals.mjs';
import { zodEnglishOnly } from './zod-english-only.mjs';
import { build as viteBuild } from 'vite';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Native and Electron modules load at run time from node_modules.
  external: ['better-sqlite3', 'electron', '@napi-rs/keyring'],
  logLevel: 'warning',
};

// The CLI is split: what every command needs in calsync.mjs, and googleapis,
// supabase-js and the HTTP server in chunks loaded by dynamic import() where
// they are used, so `calsync status` never loads them. Old chunks are removed
// first (their names carry content hashes).
rmSync('out/cli/chunks', { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { calsync: 'src/main/cli/main.ts' },
  outdir: 'out/cli',
  format: 'esm',
  splitting: true,
  plugins: [zodEnglishOnly, cjsExternals(['better-sqlite3', '@napi-rs/keyring'])],
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  // Bundled CommonJS dependencies still call require(); give each ESM file one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

// The window. `--cli-only` skips it: vitest's setup needs only the CLI bundle.
if (!process.argv.includes('--cli-only')) await viteBuild({ configFile: 'vite.config.ts' });
