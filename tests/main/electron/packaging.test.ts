// Packaging smoke test: electron-builder packs the real project for
// `--linux dir` against a local stand-in Electron dist (no download; nothing
// here can fetch Electron), with npmRebuild off and fuses off (a stand-in
// binary has no fuse wire to flip). It checks what lands in the app: the
// bundles, the unpacked native addon, the icons, and nothing else.
import { listPackage, statFile, extractFile } from '@electron/asar';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Arch, build, Platform } from 'electron-builder';
import { build as viteBuild } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/fixtures';

const ELECTRON_VERSION = (
  JSON.parse(readFileSync(path.join(repoRoot, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
).version;
const STATES = ['idle', 'syncing', 'error', 'paused', 'needs-login'];

function pngSize(buf: Buffer): { width: number; height: number } | null {
  if (buf.subarray(1, 4).toString('ascii') !== 'PNG' || buf.subarray(12, 16).toString('ascii') !== 'IHDR') return null;
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/** The electronFuses block of electron-builder.yml, as flag → value. */
function configuredFuses(): Record<string, string> {
  const text = readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8');
  const block = /^electronFuses:\n((?:[ \t]+.*\n)+)/m.exec(text)?.[1] ?? '';
  return Object.fromEntries([...block.matchAll(/^\s+(\w+):\s*(\w+)/gm)].map((m) => [m[1], m[2]]));
}

describe('packaging (electron-builder --linux dir)', () => {
  let tmp: string;
  let app: string;
  let asar: string;
  let files: string[];

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'calsync-pack-'));
    // A private copy of the project, so builds running elsewhere in the checkout (out/ is shared) cannot race this one.
    const project = path.join(tmp, 'project');
    mkdirSync(project);
    for (const f of ['package.json', 'package-lock.json', 'electron-builder.yml'])
      copyFileSync(path.join(repoRoot, f), path.join(project, f));
    cpSync(path.join(repoRoot, 'resources'), path.join(project, 'resources'), { recursive: true });
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(project, 'node_modules'));
    const { buildElectron } = (await import(pathToFileURL(path.join(repoRoot, 'scripts/build-electron.mjs')).href)) as {
      buildElectron: (root: string, out: string) => Promise<void>;
    };
    await buildElectron(repoRoot, project);
    await viteBuild({
      configFile: path.join(repoRoot, 'vite.config.ts'),
      logLevel: 'error',
      build: { outDir: path.join(project, 'out/renderer'), emptyOutDir: true },
    });
    // The Electron-ABI addon cannot be built here (no headers or prebuilds offline): the Node build stands in for the file.
    mkdirSync(path.join(project, 'out/native/electron'), { recursive: true });
    copyFileSync(
      path.join(repoRoot, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'),
      path.join(project, 'out/native/electron/better_sqlite3.node'),
    );

    // A stand-in Electron dist: what electron-builder copies and renames. No default_app.asar.
    const dist = path.join(tmp, 'electron-dist');
    mkdirSync(path.join(dist, 'resources'), { recursive: true });
    writeFileSync(path.join(dist, 'electron'), '#!/bin/sh\necho stand-in\n');
    chmodSync(path.join(dist, 'electron'), 0o755);
    writeFileSync(path.join(dist, 'version'), ELECTRON_VERSION);
    copyFileSync(path.join(repoRoot, 'node_modules/electron/LICENSE'), path.join(dist, 'LICENSE'));
    writeFileSync(path.join(dist, 'chrome-sandbox'), '');

    await build({
      projectDir: project,
      targets: Platform.LINUX.createTarget('dir', Arch.x64),
      publish: 'never',
      config: {
        electronDist: dist,
        electronVersion: ELECTRON_VERSION,
        npmRebuild: false,
        electronFuses: null,
        directories: { output: path.join(tmp, 'release') },
      },
    });
    app = path.join(tmp, 'release', 'linux-unpacked');
    asar = path.join(app, 'resources', 'app.asar');
    files = listPackage(asar, { isPack: false }).map((f) => f.replaceAll('\\', '/'));
  }, 180_000);

  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('renames the executable and packs an app.asar', () => {
    expect(statSync(path.join(app, 'calsync')).mode & 0o111).not.toBe(0);
    expect(existsSync(asar)).toBe(true);
  });

  it('holds the built main, preload and renderer, and package.json points at the main bundle', () => {
    expect(files).toEqual(
      expect.arrayContaining(['/out/main/electron.cjs', '/out/preload/preload.cjs', '/out/renderer/index.html']),
    );
    expect(files.some((f) => /^\/out\/renderer\/assets\/.+\.js$/.test(f))).toBe(true);
    const pkg = JSON.parse(extractFile(asar, 'package.json').toString()) as { main: string; name: string };
    expect(pkg).toMatchObject({ name: 'calsync', main: 'out/main/electron.cjs' });
  });

  it('ships no sources, maps or node_modules beyond the keyring addon', () => {
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => /^\/(src|tests|scripts|bench|supabase|docs)\//.test(f))).toEqual([]);
    expect(
      files.filter((f) => f.startsWith('/node_modules') && !/^\/node_modules(\/@napi-rs(\/|$)|$)/.test(f)),
    ).toEqual([]);
    // The keyring (external to the main bundle) ships with its platform addon, unpacked like every .node file.
    expect(files).toContain('/node_modules/@napi-rs/keyring/package.json');
    const keyringAddons = files.filter((f) => f.startsWith('/node_modules/@napi-rs/') && f.endsWith('.node'));
    expect(keyringAddons.length).toBeGreaterThan(0);
    for (const f of keyringAddons) expect(statFile(asar, f.slice(1))).toMatchObject({ unpacked: true });
  });

  it('unpacks the better-sqlite3 addon out of the asar', () => {
    expect(statFile(asar, 'out/native/electron/better_sqlite3.node')).toMatchObject({ unpacked: true });
    const unpacked = path.join(
      app,
      'resources',
      'app.asar.unpacked',
      'out',
      'native',
      'electron',
      'better_sqlite3.node',
    );
    expect(statSync(unpacked).size).toBeGreaterThan(100_000);
    expect(readFileSync(unpacked).subarray(1, 4).toString('ascii')).toBe('ELF');
  });

  it('has the tray icons of every state at 1x and 2x, the macOS template images, and the app icon', () => {
    for (const state of STATES) {
      for (const [suffix, size] of [
        ['', 16],
        ['@2x', 32],
      ] as const) {
        for (const name of [`tray-${state}${suffix}.png`, `tray-${state}Template${suffix}.png`]) {
          expect(files).toContain(`/resources/tray/${name}`);
          expect(pngSize(extractFile(asar, `resources/tray/${name}`))).toEqual({ width: size, height: size });
        }
      }
    }
    expect(pngSize(extractFile(asar, 'resources/icon.png'))).toEqual({ width: 512, height: 512 });
  });

  it('keeps the fuses on in the real configuration (only this run turns them off)', () => {
    expect(configuredFuses()).toMatchObject({
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      onlyLoadAppFromAsar: 'true',
      enableEmbeddedAsarIntegrityValidation: 'true',
    });
  });
});
