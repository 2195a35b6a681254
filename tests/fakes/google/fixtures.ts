// Reads the real Google response bodies kept beside the repository
// (../shared/fixtures/google, see SOURCES.md there). CALSYNC_GOOGLE_FIXTURES
// points elsewhere when the checkout lives somewhere else.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export const fixturesDir = process.env.CALSYNC_GOOGLE_FIXTURES ?? path.resolve(repoRoot, '../shared/fixtures/google');

/** A fixture's JSON body. libkgapi .txt files carry a status line and headers first; the 412 mock has a trailing comma. */
export function fixture<T = unknown>(name: string): T {
  const text = readFileSync(path.join(fixturesDir, name), 'utf8');
  const body = text.slice(text.indexOf('{')).replace(/,(\s*[}\]])/g, '$1');
  return JSON.parse(body) as T;
}

/** Response bodies inside a VCR cassette (CalCentral recordings). */
export function cassetteBodies(name: string): unknown[] {
  const c = fixture<{ http_interactions: Array<{ response: { body: { debug_json?: unknown } } }> }>(name);
  return c.http_interactions.map((i) => i.response.body.debug_json).filter((b) => b !== undefined);
}
