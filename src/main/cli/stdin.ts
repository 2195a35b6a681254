// Secrets and codes come in on stdin, never as arguments (arguments end up in
// shell history and in `ps`).
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { AppError } from '../../shared/errors';

const NOTHING = () => new AppError('bad-input', 'nothing arrived on stdin');

/** The first line of stdin (a prompt on stderr when it is a terminal), without its line break. */
export async function readLine(prompt: string): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write(prompt);
  const rl = createInterface({ input: process.stdin, terminal: false });
  try {
    for await (const line of rl) return line.replace(/\r$/, '');
  } finally {
    rl.close();
  }
  throw NOTHING();
}

/**
 * Like readLine, but on a terminal what is typed is not shown: readline runs
 * the terminal in raw mode (the kernel echoes nothing) and its own echo goes
 * to a sink. Piped input is read as plain lines.
 */
export async function readSecretLine(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) return readLine(prompt);
  const sink = new Writable({ write: (_chunk, _enc, done) => done() });
  const rl = createInterface({ input: process.stdin, output: sink, terminal: true, historySize: 0 });
  // The prompt only once echo is off: whatever is typed after it stays hidden.
  process.stderr.write(prompt);
  try {
    return await new Promise<string>((resolve, reject) => {
      rl.once('line', resolve);
      rl.once('close', () => reject(NOTHING()));
      rl.once('SIGINT', () => reject(new AppError('bad-input', 'sign-in cancelled')));
    });
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}
