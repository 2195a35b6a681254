// The renderer build: one static bundle in out/renderer with relative asset
// paths, loaded by `calsync serve` over loopback HTTP and by the Electron
// shell from its own protocol. No inline scripts, so a strict CSP holds.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: path.join(root, 'src/renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: path.join(root, 'out/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    // Electron 45 and current Chromium: no legacy transforms needed.
    target: 'chrome128',
    // A polyfill would be an extra inline-free module anyway; Chromium has modulepreload.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
  logLevel: 'warn',
});
