// Tiny IPC helpers for benchmark child processes.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { cjsExternals } from '../../scripts/cjs-externals.mjs';

export type Message = { type: string; [k: string]: unknown };

const here = path.dirname(fileURLToPath(import.meta.url));

export function startChild(script: string, args: string[] = []): ChildProcess {
  return fork(path.join(here, script), args, {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/**
 * The measured sides (engine and floors) run as esbuild bundles, as the shipped
 * app does: under tsx each process would also carry the TypeScript loader
 * (~40 MB and a compile step) that no user's process has. Native modules load
 * with require(), as in the CLI (scripts/cjs-externals.mjs). Returns the file.
 */
export async function bundleScript(script: string): Promise<string> {
  const outfile = path.resolve(here, '../../out/bench', script.replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [path.join(here, script)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: ['better-sqlite3', '@napi-rs/keyring'],
    plugins: [cjsExternals(['better-sqlite3', '@napi-rs/keyring'])],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
  return outfile;
}

export async function startBundledChild(script: string, execArgv: string[] = []): Promise<ChildProcess> {
  return fork(await bundleScript(script), [], {
    execArgv: ['--expose-gc', ...execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

export function request<T extends Message>(child: ChildProcess, msg: Message, replyType: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: Message) => {
      if (m.type === 'error') {
        cleanup();
        reject(new Error(String(m.message)));
      } else if (m.type === replyType) {
        cleanup();
        resolve(m as T);
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`child exited with ${code} before replying ${replyType}`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.send(msg);
  });
}

/** In a child: answer requests until told to stop. */
export function serve(handlers: Record<string, (m: Message) => Promise<Message>>): void {
  process.on('message', (m: Message) => {
    const handler = handlers[m.type];
    if (!handler) return void process.send!({ type: 'error', message: `unknown request ${m.type}` });
    handler(m).then(
      (reply) => process.send!(reply),
      (e: unknown) => process.send!({ type: 'error', message: (e as Error).stack ?? String(e) }),
    );
  });
}

export const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
