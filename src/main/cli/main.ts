// Entry point of `calsync`. Usage errors exit 2; see exit-codes.ts for the rest.
import { Command, CommanderError } from 'commander';
import { toErrorData } from '../../shared/errors';
import { quietOnClosedStdout } from './closed-stdout';
import { EXIT } from './exit-codes';
import { buildProgram } from './program';
import { inert, say } from './terminal';

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  const override = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.commands.forEach(override);
  };
  override(program);
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      const benign = e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help';
      process.exitCode = benign ? EXIT.ok : EXIT.usage;
      return;
    }
    throw e;
  }
}

quietOnClosedStdout();
main(process.argv).catch((e: unknown) => {
  say(process.stderr, `calsync: ${inert(toErrorData(e).message)}`);
  process.exitCode = EXIT.failure;
});
