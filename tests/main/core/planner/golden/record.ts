// Writes planner-golden.json from the planner as it is now:
// `npx tsx tests/main/core/planner/golden/record.ts`, then `npx prettier
// --write` the JSON. Only for a change meant to alter the planner's decisions
// (say so in the commit); a speed-up must leave the file as it is, which
// golden.test.ts checks.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { canonicalJson, goldenCases, sha256 } from '../helpers/golden-cases';

/** Cases whose whole output is kept in the file too, so a failure can be read, not only seen. */
export const FULL = ['base+habits #3', 'hard+habits #14'];

const hashes: Record<string, string> = {};
const full: Record<string, unknown> = {};
for (const c of goldenCases()) {
  const out = c.run();
  hashes[c.name] = sha256(canonicalJson(out));
  if (FULL.includes(c.name)) full[c.name] = out;
}
const file = fileURLToPath(new URL('./planner-golden.json', import.meta.url));
writeFileSync(file, `${JSON.stringify({ hashes, full }, null, 1)}\n`);
console.log(`${Object.keys(hashes).length} cases written to ${file}`);
