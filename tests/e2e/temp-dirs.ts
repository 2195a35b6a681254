// Temporary dirs for a spec's processes, removed after the spec.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function useTempDirs(prefix = 'calsync-e2e-'): { make(): string; removeAll(): void } {
  const dirs: string[] = [];
  return {
    make: () => {
      const d = mkdtempSync(path.join(os.tmpdir(), prefix));
      dirs.push(d);
      return d;
    },
    removeAll: () => {
      for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    },
  };
}
