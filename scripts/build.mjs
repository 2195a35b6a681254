// Builds what runs outside a TypeScript dev loop: the CLI bundle (the
// installed `calsync` command) and the renderer (Vite, into out/renderer,
// served by `calsync serve` and loaded by the Electron shell).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { cliBuildOptions } from './cli-build-options.mjs';
import { build as viteBuild } from 'vite';

// The CLI is split: what every command needs in calsync.mjs, and googleapis,
// supabase-js and the HTTP server in chunks loaded by dynamic import() where
// they are used, so `calsync status` never loads them. Old chunks are removed
// first (their names carry content hashes).
rmSync('out/cli/chunks', { recursive: true, force: true });
await build(cliBuildOptions('src/main/cli/main.ts', 'out/cli'));

// The window. `--cli-only` skips it: vitest's setup needs only the CLI bundle.
if (!process.argv.includes('--cli-only')) await viteBuild({ configFile: 'vite.config.ts' });
