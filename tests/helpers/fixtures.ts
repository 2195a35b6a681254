// Real Google response bodies from ../shared/fixtures/google (see SOURCES.md there).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Overridable because `npm run mutate` runs the tests from a copy of the checkout (stryker.config.mjs).
export const fixturesDir = process.env.CALSYNC_TEST_FIXTURES ?? path.resolve(repoRoot, '../shared/fixtures/google');

/** The JSON body of a fixture; libkgapi's .txt files carry a status line and headers first. */
export function loadFixture(nameEndsWith: string): unknown {
  const file = readdirSync(fixturesDir).find((f) => f.endsWith(nameEndsWith));
  if (!file) throw new Error(`no fixture ending with ${nameEndsWith} in ${fixturesDir}`);
  const text = readFileSync(path.join(fixturesDir, file), 'utf8');
  const body = file.endsWith('.txt') ? text.slice(text.indexOf('{')) : text;
  // The 412 fixture is Google's documentation sample with a trailing comma (see SOURCES.md).
  return JSON.parse(body.replace(/,(\s*[}\]])/g, '$1'));
}

export function fixtureItems(nameEndsWith: string): unknown[] {
  const doc = loadFixture(nameEndsWith) as { items?: unknown[] };
  return doc.items ?? [];
}
