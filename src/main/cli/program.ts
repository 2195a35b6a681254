// The `calsync` command line (DESIGN.md §6).
import { Command } from 'commander';
import { registerAccountCommands } from './commands/account-commands';
import { registerCalendarCommands } from './commands/calendar-commands';
import { registerConfigCommands } from './commands/config-commands';
import { registerServeCommand } from './commands/serve-command';
import { registerSupabaseCommands } from './commands/supabase-commands';
import { registerSyncCommands } from './commands/sync-commands';

export function buildProgram(): Command {
  const program = new Command('calsync')
    .description('Google calendars → local cache (→ Supabase), and time blocks for your tasks')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)');
  registerAccountCommands(program);
  registerCalendarCommands(program);
  registerSyncCommands(program);
  registerConfigCommands(program);
  registerServeCommand(program);
  registerSupabaseCommands(program);
  return program;
}
