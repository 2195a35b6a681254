// A copy of this checkout as a fresh clone would be before any build: its
// tracked (and new, not ignored) files, no out/, and node_modules linked to
// the shared install — what `npm install` leaves before its lifecycle scripts.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './fixtures';

export interface CheckoutCopy {
  root: string;
  remove(): void;
}

export function copyCheckout(): CheckoutCopy {
  const base = mkdtempSync(path.join(os.tmpdir(), 'calsync-checkout-'));
  const root = path.join(base, 'calsync');
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    encoding: 'utf8',
  })
    .split('\0')
    .filter(Boolean);
  for (const f of files) {
    const from = path.join(repoRoot, f);
    if (!existsSync(from)) continue; // deleted in the working tree
    mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    copyFileSync(from, path.join(root, f));
  }
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  return { root, remove: () => rmSync(base, { recursive: true, force: true }) };
}
