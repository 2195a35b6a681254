// Builds the CLI bundle once per test run: integration tests spawn `calsync`
// many times, and the bundle starts in a fraction of the time tsx needs. The
// renderer is built by Playwright's setup (tests/e2e/global-setup.ts).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--cli-only'], { cwd: root, stdio: 'inherit' });
}
