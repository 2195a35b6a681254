// `npm start`: builds the CLI + renderer (scripts/build.mjs) and the Electron
// main + preload (scripts/build-electron.mjs), prepares better-sqlite3 for
// Electron's ABI apart from node_modules (scripts/electron-native.mjs), and
// runs the tray app. When something it needs cannot be had (typically the
// Electron binary without network), it says why in one line and exits 1.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildElectron, repoRoot } from './build-electron.mjs';
import { electronVersion, ensureElectronBinary, StartError } from './electron-binary.mjs';
import { prepareElectronNative } from './electron-native.mjs';

try {
  // First, so a machine that cannot run Electron learns it before any build work.
  const electron = ensureElectronBinary(repoRoot);
  const built = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/build.mjs')], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new StartError('the build failed (see above).');
  await buildElectron(repoRoot);
  await prepareElectronNative({ root: repoRoot, electronVersion: electronVersion(repoRoot) });

  const env = { ...process.env };
  // Set in a shell, it would turn the app into a plain Node process.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electron, [repoRoot, ...process.argv.slice(2)], { cwd: repoRoot, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} catch (e) {
  if (!(e instanceof StartError)) throw e;
  process.stderr.write(`calsync: ${e.message}\n`);
  process.exit(1);
}
