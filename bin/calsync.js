#!/usr/bin/env node
// The installed `calsync` command: runs the bundled CLI (npm run build makes it).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../out/cli/calsync.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('calsync: the CLI is not built yet; run `npm run build` (or use `npm run -s calsync -- …` from a checkout)\n');
  process.exit(1);
}
await import(pathToFileURL(bundle).href);
