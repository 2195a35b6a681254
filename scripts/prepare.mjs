// `npm install` and `npm ci` run this (package.json "prepare"), so nothing is
// built by hand: the CLI bundle (bin/calsync.js runs it) and the window that
// `calsync serve` shows, via scripts/build.mjs. It needs neither the network
// nor Electron, only esbuild and Vite; an install without dev dependencies
// has neither, and then says how to build instead of failing the install.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resolvable = (name) => {
  try {
    import.meta.resolve(name);
    return true;
  } catch {
    return false;
  }
};

if (!resolvable('esbuild') || !resolvable('vite')) {
  process.stderr.write(
    'calsync: dev dependencies are not installed, so the command line and the window were not built; install them and run `npm run build`\n',
  );
  process.exit(0);
}
process.stderr.write('calsync: building the command line and the window (scripts/build.mjs)…\n');
const built = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
process.exit(built.status ?? 1);
