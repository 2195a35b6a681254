// Bundles the Electron shell: the main process (out/main/electron.cjs, the
// "main" of package.json) and the window's preload (out/preload/preload.cjs).
// Both are CommonJS: a sandboxed preload cannot load ES modules, and a CJS
// main loads from app.asar on every Electron version. The renderer is built by
// scripts/build.mjs. Run directly or import buildElectron().
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** outRoot: where out/main and out/preload go (tests build into a temp copy of the app layout). */
export async function buildElectron(root = repoRoot, outRoot = root) {
  const common = {
    absWorkingDir: root,
    bundle: true,
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    sourcemap: true,
    logLevel: 'warning',
  };
  await build({
    ...common,
    entryPoints: { electron: 'src/main/electron/main.ts' },
    outdir: path.join(outRoot, 'out/main'),
    platform: 'node',
    target: 'node22', // Electron 45's Node
    // electron is the runtime's own module; the keyring ships prebuilt per-platform
    // addons that are resolved at run time. better-sqlite3 is bundled: its addon
    // comes from out/native/electron through the nativeBinding option.
    external: ['electron', '@napi-rs/keyring'],
    // The engine is ESM and reads import.meta.url (to find resources/); give the CJS bundle one.
    define: { 'import.meta.url': '__calsync_import_meta_url' },
    banner: { js: "const __calsync_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  });
  await build({
    ...common,
    entryPoints: { preload: 'src/main/electron/preload.ts' },
    outdir: path.join(outRoot, 'out/preload'),
    // A sandboxed preload has a browser-like context with a small require(): only 'electron' (and a few others) resolve.
    platform: 'browser',
    target: 'chrome140',
    external: ['electron'],
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildElectron();
