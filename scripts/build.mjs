// Builds what runs outside a TypeScript dev loop: the CLI bundle (the
// installed `calsync` command) and the renderer (Vite, into out/renderer,
// served by `calsync serve` and loaded by the Electron shell).
import { build } from 'esbuild';
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

await build({
  ...common,
  entryPoints: { 'cli/calsync': 'src/main/cli/main.ts' },
  outdir: 'out',
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  // Bundled CommonJS dependencies still call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

// The window. `--cli-only` skips it: vitest's setup needs only the CLI bundle.
if (!process.argv.includes('--cli-only')) await viteBuild({ configFile: 'vite.config.ts' });
