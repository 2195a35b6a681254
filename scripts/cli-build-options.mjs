// The esbuild options of the `calsync` bundle, shared by scripts/build.mjs and
// the benches' private copy (bench/cli-bundle.ts), so a bench measures the
// bundle that ships.
import { cjsExternals } from './cjs-externals.mjs';
import { zodEnglishOnly } from './zod-english-only.mjs';

/** outdir: where calsync.mjs and chunks/ go. */
export function cliBuildOptions(entry, outdir) {
  return {
    bundle: true,
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    // Native and Electron modules load at run time from node_modules.
    external: ['better-sqlite3', 'electron', '@napi-rs/keyring'],
    logLevel: 'warning',
    entryPoints: { calsync: entry },
    outdir,
    format: 'esm',
    splitting: true,
    // node:http too: its ESM import reads every export, and the lazy WebSocket/fetch ones load undici (~27 ms).
    plugins: [zodEnglishOnly, cjsExternals(['better-sqlite3', '@napi-rs/keyring', 'node:http'])],
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    // Bundled CommonJS dependencies still call require(); give each ESM file one.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  };
}
