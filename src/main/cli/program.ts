// The `calsync` command line (DESIGN.md §6).
import { Command } from 'commander';
import { registerAccountCommands } from './commands/account-commands';
import { registerCalendarCommands } from './commands/calendar-commands';
import { registerConfigCommands } from './commands/config-commands';
import { registerDemoCommand } from './commands/demo-command';
import { registerServeCommand } from './commands/serve-command';
import { registerSupabaseCommands } from './commands/supabase-commands';
import { registerSyncCommands } from './commands/sync-commands';
import { registerPlanCommands } from './commands/plan-commands';

export function buildProgram(): Command {
  const program = new Command('calsync')
    .description('Google calendars → local cache (→ Supabase), and time blocks for your tasks')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    // `calendars` and `tasks` take --json themselves and have subcommands that
    // do too: an option belongs to the command it follows.
    .enablePositionalOptions();
  registerAccountCommands(program);
  registerCalendarCommands(program);
  registerSyncCommands(program);
  registerConfigCommands(program);
  registerPlanCommands(program);
  registerServeCommand(program);
  registerDemoCommand(program);
  registerSupabaseCommands(program);
  return program;
}
