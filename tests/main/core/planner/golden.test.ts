// The planner's decisions, frozen: every case of helpers/golden-cases.ts
// (quality, hard and speed instances, each planned and re-planned, plus the
// conflicts found) must produce exactly the output recorded in
// golden/planner-golden.json (sha256 of its canonical JSON; two cases in
// full). Guards speed work on the planner, which must not change one block,
// reason or id. Re-record (golden/record.ts) only for a change meant to alter
// decisions, and say so in the commit.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalJson, goldenCases, sha256 } from './helpers/golden-cases';

const golden = JSON.parse(readFileSync(new URL('./golden/planner-golden.json', import.meta.url), 'utf8')) as {
  hashes: Record<string, string>;
  full: Record<string, unknown>;
};

describe('planner golden outputs', () => {
  const cases = goldenCases();

  it('covers every recorded case and no other', () => {
    expect(cases.map((c) => c.name).sort()).toEqual(Object.keys(golden.hashes).sort());
  });

  for (const c of cases) {
    it(`${c.name}: the same output as recorded`, () => {
      const out = c.run();
      const recorded = golden.full[c.name];
      // Round-trip through JSON so undefined fields compare as the file holds them.
      if (recorded !== undefined) expect(JSON.parse(JSON.stringify(out))).toEqual(recorded);
      expect(sha256(canonicalJson(out))).toBe(golden.hashes[c.name]);
    });
  }
});
