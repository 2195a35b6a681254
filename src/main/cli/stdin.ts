// Secrets and codes come in on stdin, never as arguments (arguments end up in
// shell history and in `ps`).
import { createInterface } from 'node:readline';
import { AppError } from '../../shared/errors';

/** The first line of stdin (a prompt on stderr when it is a terminal), without its line break. */
export async function readLine(prompt: string): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write(prompt);
  const rl = createInterface({ input: process.stdin, terminal: false });
  try {
    for await (const line of rl) return line.replace(/\r$/, '');
  } finally {
    rl.close();
  }
  throw new AppError('bad-input', 'nothing arrived on stdin');
}
