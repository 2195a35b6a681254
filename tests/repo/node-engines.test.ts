// One supported Node range for the whole project: package.json's engines must
// lie inside the engines of every package the lock installs (Electron, the
// packaging and build tools, the native SQLite addon…), so `npm install` on a
// supported Node warns about nothing, and the README states that same range.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/fixtures';

const semver = createRequire(import.meta.url)('semver') as {
  subset(sub: string, dom: string, opts?: { includePrerelease?: boolean }): boolean;
  satisfies(version: string, range: string): boolean;
  validRange(range: string): string | null;
};

/** Old packages give engines as an array of strings; only the object form names Node. */
interface LockEntry {
  version?: string;
  engines?: { node?: string } | string[];
}

const read = (file: string): string => readFileSync(path.join(repoRoot, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as { engines: { node: string } };
const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, LockEntry> };
const ours = pkg.engines.node;

describe('the supported Node range', () => {
  it('is a valid range, and the lock records the same one', () => {
    expect(semver.validRange(ours)).not.toBeNull();
    expect(lock.packages['']!.engines).toEqual({ node: ours });
  });

  it('lies inside the engines of every locked package', () => {
    const refusing = Object.entries(lock.packages)
      .flatMap(([name, e]) =>
        name !== '' && e.engines && !Array.isArray(e.engines) && e.engines.node
          ? [{ name, version: e.version, node: e.engines.node }]
          : [],
      )
      .filter((e) => !semver.subset(ours, e.node))
      .map((e) => `${e.name.replace(/^.*node_modules\//, '')}@${e.version}: ${e.node}`);
    expect(refusing).toEqual([]);
  });

  // CI (.ci/run) brings a Node inside the range when the machine's is older, so
  // the suite runs on what the README promises; a developer may run it on any.
  it.runIf(process.env.CI === 'true')('is the Node this CI run uses', () => {
    expect(semver.satisfies(process.versions.node, ours)).toBe(true);
  });

  it('is the one the README states', () => {
    expect(read('README.md')).toContain(`\`${ours}\``);
  });
});
