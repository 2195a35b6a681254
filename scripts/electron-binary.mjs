// Finds the Electron binary of node_modules/electron, downloading it when it
// is missing (npm does not run electron's install script: it is not in
// package.json's allowScripts, because a machine without access to Electron's
// download server could not `npm ci` then). Throws one clear sentence when
// the binary cannot be had.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export class StartError extends Error {}

export function electronVersion(root) {
  return JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
}

function installedBinary(dir) {
  try {
    const rel = readFileSync(path.join(dir, 'path.txt'), 'utf8');
    const file = process.env.ELECTRON_OVERRIDE_DIST_PATH
      ? path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, rel)
      : path.join(dir, 'dist', rel);
    return existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/** The first line of the installer's output that says what went wrong. */
function reason(output) {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return (
    lines.find((l) => /error|failed|ENOTFOUND|ECONN|EAI_AGAIN|403|404/i.test(l) && !l.startsWith('at ')) ??
    lines[0] ??
    'no output'
  );
}

export function ensureElectronBinary(root) {
  const dir = path.join(root, 'node_modules/electron');
  if (!existsSync(path.join(dir, 'package.json')))
    throw new StartError('Electron is not installed: run `npm install` first.');
  const found = installedBinary(dir);
  if (found) return found;
  const version = electronVersion(root);
  process.stderr.write(`Downloading the Electron ${version} binary…\n`);
  const run = spawnSync(process.execPath, [path.join(dir, 'install.js')], { encoding: 'utf8', timeout: 15 * 60_000 });
  const after = installedBinary(dir);
  if (after) return after;
  const why = run.error ? run.error.message : reason(`${run.stderr ?? ''}\n${run.stdout ?? ''}`);
  throw new StartError(
    `cannot get the Electron ${version} binary (download failed: ${why}); connect to the network (or set ELECTRON_MIRROR or HTTPS_PROXY) and run \`npm start\` again — the CLI (\`npm run calsync\`) and \`npm test\` work without it.`,
  );
}
