// `npm run dist`: the installers of the current OS (Linux AppImage + deb,
// macOS dmg, Windows nsis; see electron-builder.yml) into release/. Builds
// every bundle, prepares the Electron-ABI better-sqlite3 in out/native, then
// packages. electron-builder downloads Electron and its packaging tools, so
// this needs network access. Options: --dir (unpacked app only), --arch=arm64
// (or x64, …; the native addon is prepared for that arch).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { build } from 'electron-builder';
import { buildElectron, repoRoot } from './build-electron.mjs';
import { electronVersion, StartError } from './electron-binary.mjs';
import { prepareElectronNative } from './electron-native.mjs';

const args = process.argv.slice(2);
const archArg = args.find((a) => a.startsWith('--arch='))?.slice('--arch='.length);
const arch = archArg ?? process.arch;

try {
  const built = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/build.mjs')], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new StartError('the build failed (see above).');
  await buildElectron(repoRoot);
  await prepareElectronNative({ root: repoRoot, electronVersion: electronVersion(repoRoot), arch });
  const files = await build({
    projectDir: repoRoot,
    publish: 'never',
    dir: args.includes('--dir'),
    // electron-builder's CLI options name the arch as a flag (x64: true, arm64: true).
    ...(archArg ? { [archArg]: true } : {}),
  });
  process.stdout.write(`${files.map((f) => path.relative(repoRoot, f)).join('\n')}\n`);
} catch (e) {
  if (!(e instanceof StartError)) throw e;
  process.stderr.write(`calsync: ${e.message}\n`);
  process.exit(1);
}
