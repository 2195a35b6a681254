// The body of `calsync`, loaded by main.ts once the compile cache is on.
// Exit codes come from shared/error-map.ts.
import { toErrorData } from '../../shared/errors';
import { EXIT } from '../../shared/error-map';
import { quietOnClosedStdout } from './closed-stdout';
import { runCli } from './run-cli';
import { inert, say } from './terminal';

quietOnClosedStdout();
runCli(process.argv).catch((e: unknown) => {
  say(process.stderr, `calsync: ${inert(toErrorData(e).message)}`);
  process.exitCode = EXIT.failure;
});
