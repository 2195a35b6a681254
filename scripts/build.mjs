// Builds what runs outside a TypeScript dev loop: the CLI bundle (the
// installed `calsync` command). Later steps add the Electron main/preload and
// the renderer (Vite).
import { build } from 'esbuild';

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
