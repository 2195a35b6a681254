// better-sqlite3 for Electron, kept apart from node_modules. Node (tests, the
// CLI, `calsync serve`) keeps loading node_modules/better-sqlite3 as npm built
// it; the Electron shell loads out/native/electron/better_sqlite3.node through
// better-sqlite3's nativeBinding option. Nothing here touches the copy in
// node_modules, so `npm test` works the same before and after `npm start`.
//
// The addon is built in a staging copy of the package: first a prebuilt binary
// for Electron's ABI (prebuild-install, from the better-sqlite3 release), else
// a compile against Electron's headers (@electron/rebuild, needs a C++
// toolchain). A stamp records what it was built for, so later starts skip it.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { StartError } from './electron-binary.mjs';

export const NATIVE_DIR = 'out/native/electron';
export const NATIVE_FILE = 'better_sqlite3.node';

export async function prepareElectronNative({
  root,
  electronVersion,
  platform = process.platform,
  arch = process.arch,
  log = (m) => process.stderr.write(`${m}\n`),
}) {
  const outDir = path.join(root, NATIVE_DIR);
  const target = path.join(outDir, NATIVE_FILE);
  const stampFile = path.join(outDir, 'build.json');
  const source = path.join(root, 'node_modules/better-sqlite3');
  const version = JSON.parse(readFileSync(path.join(source, 'package.json'), 'utf8')).version;
  const want = { betterSqlite3: version, electron: electronVersion, platform, arch };
  if (existsSync(target) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === JSON.stringify(want))
    return { file: target, built: false };

  log(`Preparing better-sqlite3 ${version} for Electron ${electronVersion} (${platform}-${arch})…`);
  const stage = path.join(root, 'out/native/.staging');
  const moduleDir = path.join(stage, 'node_modules/better-sqlite3');
  rmSync(stage, { recursive: true, force: true });
  // Everything but the Node build output: that belongs to node_modules.
  cpSync(source, moduleDir, {
    recursive: true,
    filter: (p) => path.relative(source, p).split(path.sep)[0] !== 'build',
  });
  writeFileSync(
    path.join(stage, 'package.json'),
    JSON.stringify({ name: 'calsync-native-stage', private: true, dependencies: { 'better-sqlite3': version } }),
  );
  const built = path.join(moduleDir, 'build/Release', NATIVE_FILE);
  const failures = [];

  try {
    const req = createRequire(path.join(source, 'package.json'));
    execFileSync(
      process.execPath,
      [
        req.resolve('prebuild-install/bin.js'),
        '--runtime=electron',
        `--target=${electronVersion}`,
        `--platform=${platform}`,
        `--arch=${arch}`,
      ],
      {
        cwd: moduleDir,
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 5 * 60_000,
      },
    );
  } catch (e) {
    failures.push(`no prebuilt binary (${firstLine(e)})`);
  }
  if (!existsSync(built)) {
    try {
      const { rebuild } = await import('@electron/rebuild');
      await rebuild({
        buildPath: stage,
        electronVersion,
        platform,
        arch,
        onlyModules: ['better-sqlite3'],
        force: true,
        mode: 'sequential',
      });
    } catch (e) {
      failures.push(`compiling it failed (${firstLine(e)})`);
    }
  }
  if (!existsSync(built)) {
    rmSync(stage, { recursive: true, force: true });
    throw new StartError(
      `cannot prepare better-sqlite3 for Electron ${electronVersion}: ${failures.join('; ')}. Connect to the network (prebuilt binaries come from GitHub, headers from electronjs.org) or install a C++ toolchain, then run the command again.`,
    );
  }
  mkdirSync(outDir, { recursive: true });
  copyFileSync(built, target);
  writeFileSync(stampFile, JSON.stringify(want));
  rmSync(stage, { recursive: true, force: true });
  return { file: target, built: true };
}

function firstLine(e) {
  const text = `${e?.stderr ?? ''}`.trim() || `${e?.message ?? e}`;
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l && !l.startsWith('at ')) ?? 'unknown error'
  );
}
