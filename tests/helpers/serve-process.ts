// `calsync serve --json` as a subprocess of a test: waits for its {"url"}
// line, keeps its stderr for failures, and stops it with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServeProcess {
  url: string;
  /** The whole first JSON line ({"url": …} and whatever the command adds). */
  line: Record<string, unknown>;
  origin: string;
  token: string;
  stderr(): string;
  stop(): Promise<number | null>;
  /** SIGKILL, for a test that found the process hanging. */
  kill(): void;
}

export interface ServeOptions {
  /** The script that runs calsync: this checkout's CLI bundle unless another (a copy's bin/calsync.js) is given. */
  entry?: string;
  cwd?: string;
  startupMs?: number;
  /** The command that serves the window: `serve` unless another (`demo`) is given. */
  command?: string;
}

export async function startServe(
  env: NodeJS.ProcessEnv,
  args: string[] = [],
  o: ServeOptions = {},
): Promise<ServeProcess> {
  const entry = o.entry ?? path.join(root, 'out/cli/calsync.mjs');
  const startupMs = o.startupMs ?? 20_000;
  const child: ChildProcess = spawn(process.execPath, [entry, o.command ?? 'serve', '--json', ...args], {
    cwd: o.cwd ?? root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const line = await new Promise<Record<string, unknown>>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`${o.command ?? 'serve'} printed no URL in ${startupMs / 1000} s; stderr:\n${stderr}`)),
      startupMs,
    );
    child.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        clearTimeout(timer);
        resolve(JSON.parse(line) as Record<string, unknown>);
      }
    });
    void exited.then((code) =>
      reject(new Error(`serve exited with ${code} before printing a URL; stderr:\n${stderr}`)),
    );
  });
  const url = String(line.url);
  const u = new URL(url);
  return {
    url,
    line,
    origin: u.origin,
    token: new URLSearchParams(u.hash.slice(1)).get('token') ?? '',
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    kill: () => void child.kill('SIGKILL'),
  };
}
