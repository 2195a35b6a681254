// Tiny IPC helpers for benchmark child processes.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type Message = { type: string; [k: string]: unknown };

const here = path.dirname(fileURLToPath(import.meta.url));

export function startChild(script: string, args: string[] = []): ChildProcess {
  return fork(path.join(here, script), args, { execArgv: ['--import', 'tsx', '--expose-gc', ...(process.env.BENCH_PROF && script === process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
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
