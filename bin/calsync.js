#!/usr/bin/env node
// The installed `calsync` command: runs the bundled CLI. `npm install` builds
// it (the "prepare" script); when that was skipped (`--ignore-scripts`), the
// first run builds it and the window, saying so on stderr (stdout stays the
// command's own, for --json readers).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = fileURLToPath(new URL('../out/cli/calsync.mjs', import.meta.url));
const buildScript = fileURLToPath(new URL('../scripts/build.mjs', import.meta.url));

function resolvable(name) {
  try {
    import.meta.resolve(name);
    return true;
  } catch {
    return false;
  }
}

if (!existsSync(bundle) && existsSync(buildScript) && resolvable('esbuild') && resolvable('vite')) {
  process.stderr.write('calsync: first run: building the command line and the window (once)…\n');
  const built = spawnSync(process.execPath, [buildScript], { cwd: root, stdio: ['ignore', 2, 2] });
  if (built.status !== 0) {
    process.stderr.write('calsync: the build failed (see above); run `npm run build` to retry\n');
    process.exit(1);
  }
}
if (!existsSync(bundle)) {
  process.stderr.write(
    'calsync: the CLI is not built yet; run `npm run build` (or use `npm run -s calsync -- …` from a checkout)\n',
  );
  process.exit(1);
}
await import(pathToFileURL(bundle).href);
