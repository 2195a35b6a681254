// The module graph of the built CLI (out/cli): which files load when
// calsync.mjs starts (static imports, followed), and which only by import().
import { readFileSync } from 'node:fs';
import path from 'node:path';

const STATIC = /^import\s+(?:[^;"']*?\s+from\s+)?"(\.{1,2}\/[^"]+)"/gm;
const DYNAMIC = /\bimport\(\s*"(\.{1,2}\/[^"]+)"\s*\)/g;

export interface BundleGraph {
  /**
   * Files loaded at start: the entry, what it imports statically, and what it
   * imports by import() itself (it awaits the CLI's body at top level, once
   * the compile cache is on), each with its static imports.
   */
  atStart: string[];
  /** Files reached only through import(). */
  lazy: string[];
}

export function bundleGraph(entry: string): BundleGraph {
  const atStart = new Set<string>();
  const dynamic = new Set<string>();
  const visit = (file: string) => {
    if (atStart.has(file)) return;
    atStart.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(STATIC)) visit(path.resolve(path.dirname(file), m[1]!));
    for (const m of text.matchAll(DYNAMIC)) dynamic.add(path.resolve(path.dirname(file), m[1]!));
  };
  visit(entry);
  const entryText = readFileSync(entry, 'utf8');
  for (const m of entryText.matchAll(DYNAMIC)) {
    const body = path.resolve(path.dirname(entry), m[1]!);
    dynamic.delete(body);
    visit(body);
  }
  // Chunks a lazy chunk imports statically are lazy too (unless loaded at start).
  const lazy = new Set<string>();
  const visitLazy = (file: string) => {
    if (atStart.has(file) || lazy.has(file)) return;
    lazy.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of [...text.matchAll(STATIC), ...text.matchAll(DYNAMIC)])
      visitLazy(path.resolve(path.dirname(file), m[1]!));
  };
  for (const f of dynamic) visitLazy(f);
  return { atStart: [...atStart], lazy: [...lazy] };
}

/**
 * Source paths esbuild names in its per-module comments, as
 * "node_modules/<package>/…" (from the innermost node_modules: the checkout's
 * may be a symlink) or "src/main/…".
 */
export function bundledSources(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^\/\/ (\S+\.(?:[cm]?js|ts|tsx|json))$/gm)].map((m) => {
    const p = m[1]!;
    const nm = p.lastIndexOf('node_modules/');
    return nm >= 0 ? p.slice(nm) : p;
  });
}
