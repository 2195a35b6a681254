// `calsync status` and the other local commands start without loading
// googleapis, google-auth-library, supabase-js or the HTTP server (issue 16:
// the fixed cost of a command). Checked on the built bundle's module graph:
// those libraries sit in chunks that only import() reaches.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundledSources, bundleGraph } from '../helpers/bundle-graph';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const entry = path.join(root, 'out/cli/calsync.mjs'); // built by tests/global-setup.ts

const LAZY = [
  /^node_modules\/googleapis\//,
  /^node_modules\/googleapis-common\//,
  /^node_modules\/google-auth-library\//,
  /^node_modules\/gaxios\//,
  /^node_modules\/@supabase\//,
  /^src\/main\/server\//,
  /^node_modules\/node-cron\//,
  // The planner's part (core/app-planning.ts), loaded on a re-plan or a planner/insights call.
  /^src\/main\/core\/planner\//,
  /^src\/main\/core\/planning\/(plan|accept|drop)-service\.ts$/,
  /^src\/main\/core\/planning\/habit-auto-move\.ts$/,
  /^src\/main\/core\/insights\//,
  /^node_modules\/@noble\/hashes\//,
];

// Not bundled at all: zod's JSON Schema conversion and compiler, which a namespace import (`import * as z`) lets esbuild drop.
const UNBUNDLED = [
  /^node_modules\/zod\/v4\/classic\/from-json-schema\.js$/,
  /^node_modules\/zod\/v4\/core\/compile\.js$/,
];

describe('the CLI bundle', () => {
  const graph = bundleGraph(entry);
  const startSources = graph.atStart.flatMap(bundledSources);
  const lazySources = graph.lazy.flatMap(bundledSources);

  it('loads none of googleapis, google-auth-library, supabase-js or the HTTP server at start', () => {
    expect(startSources.length).toBeGreaterThan(50); // the comments are there to read
    for (const pattern of LAZY)
      expect(
        startSources.filter((s) => pattern.test(s)),
        String(pattern),
      ).toEqual([]);
  });

  it('does not import node:http at start (its ESM import also loads Node’s fetch and TLS)', () => {
    for (const file of graph.atStart)
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/^import [^;]*"node:https?"/m);
  });

  it('loads node:http with require() wherever it is used (an ESM import of it loads undici through its lazy exports)', () => {
    for (const file of [...graph.atStart, ...graph.lazy])
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/^import [^;]*"node:http"/m);
  });

  it('bundles none of zod’s unused parts', () => {
    for (const pattern of UNBUNDLED)
      expect(
        [...startSources, ...lazySources].filter((s) => pattern.test(s)),
        String(pattern),
      ).toEqual([]);
  });

  it('loads its native CommonJS dependencies with require(), not an ESM import (which runs Node’s CJS lexer over them)', () => {
    const all = [...graph.atStart, ...graph.lazy].map((f) => readFileSync(f, 'utf8'));
    for (const name of ['better-sqlite3', '@napi-rs/keyring']) {
      expect(
        all.filter((t) => t.includes(`from "${name}"`) || t.includes(`import("${name}")`)),
        name,
      ).toEqual([]);
      expect(
        all.some((t) => t.includes(`require("${name}")`)),
        name,
      ).toBe(true);
    }
  });

  it('has each of them in a chunk loaded on use', () => {
    for (const pattern of LAZY)
      expect(
        lazySources.some((s) => pattern.test(s)),
        String(pattern),
      ).toBe(true);
  });

  it('still loads what every command needs at start (the store, the sync engine)', () => {
    expect(startSources).toContain('src/main/core/store/store.ts');
    expect(startSources).toContain('src/main/core/sync/sync-runner.ts');
  });
});

describe('the CLI entry', () => {
  const graph = bundleGraph(entry);

  it('turns the compile cache on before anything else is compiled: it imports only node: builtins and esbuild’s runtime, statically', () => {
    const staticOfEntry = [...readFileSync(entry, 'utf8').matchAll(/^import\s+(?:[^;"']*?\s+from\s+)?"([^"]+)"/gm)].map(
      (m) => m[1]!,
    );
    expect(staticOfEntry.filter((s) => !s.startsWith('node:'))).toHaveLength(1); // the runtime chunk
    const runtime = path.resolve(
      path.dirname(entry),
      staticOfEntry.find((s) => !s.startsWith('node:'))!,
    );
    expect(bundledSources(runtime)).toEqual([]);
    expect(bundledSources(entry)).toEqual(['src/main/cli/compile-cache.ts', 'src/main/cli/main.ts']);
    expect(graph.atStart.length).toBeGreaterThan(2);
  });
});
