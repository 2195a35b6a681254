// Entry point of `calsync`. Usage errors exit 2; see exit-codes.ts for the rest.
import { Command, CommanderError } from 'commander';
import { toErrorData } from '../../shared/errors';
import { EXIT } from './exit-codes';
import { buildProgram } from './program';

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

main(process.argv).catch((e: unknown) => {
  process.stderr.write(`calsync: ${toErrorData(e).message}\n`);
  process.exitCode = EXIT.failure;
});
