// Runs `calsync` on a real pseudo-terminal (util-linux `script`), so stdin,
// stdout and stderr are all TTYs as when a person types the command. What
// the terminal showed comes back as one text, CRLF turned into LF.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './fixtures';

export interface TerminalResult {
  code: number | null;
  /** What the terminal shows at the end: a line rewritten in place (\r, erase-line) reads as its last version. */
  output: string;
  /** Every byte the program wrote, CRLF as LF. */
  raw: string;
}

/** A line's final look on a terminal: what follows its last carriage return, erase-line sequences applied. */
const shown = (text: string) =>
  text
    .split('\n')
    .map((line) => line.split('\u001b[2K').join('').split('\r').pop())
    .join('\n');

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** `input` is typed into the terminal (e.g. "yes\n" for a confirmation); without it the terminal's input is at end of file. */
export function cliOnTerminal(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<TerminalResult> {
  const command = [process.execPath, path.join(repoRoot, 'out/cli/calsync.mjs'), ...args].map(quote).join(' ');
  return new Promise((resolve) => {
    // -q: no "Script started" lines; -e: exit with the command's code; -c: run it; log to /dev/null.
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      cwd: repoRoot,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    if (input === undefined) child.stdin.end();
    else {
      // The prompt is printed before the answer is typed, as a person would wait for it.
      const typeWhenAsked = () => {
        if (output.includes('Type "yes"')) child.stdin.end(input);
        else setTimeout(typeWhenAsked, 50);
      };
      typeWhenAsked();
    }
    child.on('close', (code) => {
      const raw = output.replace(/\r\n/g, '\n');
      resolve({ code, output: shown(raw), raw });
    });
  });
}
