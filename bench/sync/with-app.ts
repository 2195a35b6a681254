// `calsync serve` on the bench's cache, for the figure of `calsync sync` while
// the app runs: the command hands its sync to it (core/control). Ready once
// the app has written its control file; stopped with SIGTERM, as a user's
// Ctrl-C, so it closes its cache cleanly.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface RunningServe {
  stop(): Promise<void>;
}

export async function startServe(cli: string, env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<RunningServe> {
  const control = path.join(env.CALSYNC_HOME!, 'control.json');
  const child = spawn(process.execPath, [cli, 'serve', '--json', '--port', '0'], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(control)) {
    if (child.exitCode !== null) throw new Error(`calsync serve exited ${child.exitCode}: ${stderr}`);
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`calsync serve wrote no ${control} in ${timeoutMs} ms: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
