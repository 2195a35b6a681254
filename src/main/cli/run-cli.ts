// One run of `calsync <argv>` in this process: commander's usage errors exit 2
// (error-map.ts's EXIT.usage); each command's own failures are mapped by
// runAction (command-runner.ts). main.ts calls this; tests call it in-process.
import { Command, CommanderError } from 'commander';
import { EXIT } from '../../shared/error-map';
import { buildProgram } from './program';

export async function runCli(argv: string[]): Promise<void> {
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
      const benign =
        e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help';
      process.exitCode = benign ? EXIT.ok : EXIT.usage;
      return;
    }
    throw e;
  }
}
