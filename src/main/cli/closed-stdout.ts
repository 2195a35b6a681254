// `calsync events | head`: once the reader is gone, output has nowhere to go
// and nobody to tell. The command still finishes and closes the engine as
// usual, without a stack trace; any other error on stdout is a failure.
import { EXIT } from '../../shared/error-map';

const READER_GONE = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);

export function quietOnClosedStdout(stdout: NodeJS.WriteStream = process.stdout): void {
  stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (READER_GONE.has(e.code ?? '')) return;
    process.stderr.write(`calsync: cannot write the output: ${e.message}\n`);
    process.exitCode = EXIT.failure;
  });
}
